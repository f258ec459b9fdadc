// @vitest-environment jsdom
import { join } from 'node:path'
import { createClient } from '@vexil/browser-sdk'
import { Flagsmith, LocalFileHandler } from '@vexil/node-sdk'
import { VexilProvider } from '@vexil/react'
import { act } from 'react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../src/app'
import { type DemoUser, toTraits } from '../src/demo-user'

// A path, not a file URL: jsdom replaces the global URL class, which node:fs does not accept.
const demoDocument = join(import.meta.dirname, '../../demo-environment.json')
const jane: DemoUser = { identifier: 'jane', plan: 'pro', isBetaTester: true }
const apiUrl = 'http://127.0.0.1:8000/api/v1/'

let root: Root | undefined
afterEach(() => {
  act(() => root?.unmount())
  root = undefined
})

/** The storefront as both the server and the browser render it. */
function Page({ client }: { client: ReturnType<typeof createClient> }) {
  return (
    <VexilProvider client={client}>
      <App apiUrl={apiUrl} initialUser={jane} />
    </VexilProvider>
  )
}

describe('server rendering with a node-sdk snapshot', () => {
  it('hydrates the server-rendered storefront in the browser without a mismatch or a request', async () => {
    ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
    const flagsmith = new Flagsmith({
      environmentKey: 'ser.vexilDemoServerKey0001',
      offlineMode: true,
      offlineHandler: new LocalFileHandler(demoDocument),
    })
    const snapshot = await flagsmith.getSnapshot(jane.identifier, toTraits(jane))
    await flagsmith.close()
    const fetch = vi.fn()
    const options = { environmentKey: 'vexilDemoClientKey0001', apiUrl, storage: false, fetch } as const

    const serverClient = createClient({ ...options, bootstrap: snapshot, lazy: true })
    const html = renderToString(<Page client={serverClient} />)
    serverClient.close()
    expect(html).toContain('New dashboard (beta)')
    expect(html).toContain('data-testid="items-per-page">100<')

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const problems: unknown[] = []
    const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => problems.push(args))
    const browserClient = createClient({ ...options, bootstrap: JSON.parse(JSON.stringify(snapshot)) })
    try {
      await act(async () => {
        root = hydrateRoot(container, <Page client={browserClient} />, {
          onRecoverableError: (error) => problems.push(error),
        })
      })
    } finally {
      consoleError.mockRestore()
      browserClient.close()
    }
    expect(problems).toEqual([])
    expect(fetch).not.toHaveBeenCalled()
    expect(container.querySelector('[data-testid="items-per-page"]')?.textContent).toBe('100')
    expect(container.querySelector('[data-testid="flags-status"]')?.getAttribute('data-source')).toBe('bootstrap')
  })
})
