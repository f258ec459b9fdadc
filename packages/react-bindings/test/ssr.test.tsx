import { act } from '@testing-library/react'
import type { FlagsSnapshot } from '@vexil/browser-sdk'
import { useFlag, useFlagsStatus, useFlagValue, VexilProvider } from '@vexil/react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeFetch } from '../../browser-sdk/test/fake-fetch'
import { createMemoryStorage } from '../../browser-sdk/test/memory-storage'
import { apiIdentity, ENVIRONMENT_KEY, settle, testOptions } from './client-fixture'

function Page() {
  const banner = useFlag('banner')
  const limit = useFlagValue('limit', 25)
  const status = useFlagsStatus()
  return (
    <main>
      {banner.enabled && <p>{String(banner.value)}</p>}
      <span>{String(limit)}</span>
      <span>{status.source}</span>
    </main>
  )
}

const snapshot: FlagsSnapshot = {
  environmentKey: ENVIRONMENT_KEY,
  identity: { identifier: 'user-1', traits: { plan: 'pro' } },
  flags: {
    banner: { name: 'banner', enabled: true, value: 'Welcome back' },
    limit: { name: 'limit', enabled: true, value: 100 },
  },
  fetchedAt: Date.now(),
}

let root: Root | undefined
afterEach(() => {
  act(() => root?.unmount())
  root = undefined
  document.body.innerHTML = ''
})

/** Hydrates `html` with `element`, collecting React's hydration errors, console errors and uncaught errors. */
async function hydrate(html: string, element: React.ReactNode) {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const problems: unknown[] = []
  const consoleError = vi.spyOn(console, 'error').mockImplementation((...args) => problems.push(args))
  // React 18 reports a mismatch as an uncaught window error too, before it recovers by rendering on the client.
  const windowError = (event: ErrorEvent) => {
    event.preventDefault()
    problems.push(event.error)
  }
  window.addEventListener('error', windowError)
  try {
    await act(async () => {
      root = hydrateRoot(container, element, { onRecoverableError: (error) => problems.push(error) })
    })
  } finally {
    window.removeEventListener('error', windowError)
    consoleError.mockRestore()
  }
  return { container, problems }
}

describe('server rendering and hydration', () => {
  it('hydrates the server HTML with the same bootstrap without a mismatch or a request', async () => {
    const serverNetwork = createFakeFetch()
    const html = renderToString(
      <VexilProvider options={testOptions(serverNetwork)} bootstrap={snapshot}>
        <Page />
      </VexilProvider>,
    )
    expect(html).toBe('<main><p>Welcome back</p><span>100</span><span>bootstrap</span></main>')
    expect(serverNetwork.requests).toHaveLength(0)

    const network = createFakeFetch()
    const { container, problems } = await hydrate(
      html,
      <VexilProvider options={testOptions(network)} bootstrap={JSON.parse(JSON.stringify(snapshot))}>
        <Page />
      </VexilProvider>,
    )
    expect(problems).toEqual([])
    expect(container.innerHTML).toBe(html)
    await settle()
    expect(network.requests).toHaveLength(0)
  })

  it('reports a mismatch when the client does not get the bootstrap the server rendered with', async () => {
    const html = renderToString(
      <VexilProvider options={testOptions(createFakeFetch())} bootstrap={snapshot}>
        <Page />
      </VexilProvider>,
    )
    const { problems } = await hydrate(
      html,
      <VexilProvider options={testOptions(createFakeFetch())}>
        <Page />
      </VexilProvider>,
    )
    expect(problems.length).toBeGreaterThan(0)
  })

  it('hydrates with the initial state, then shows cached flags, when a client starts from the cache', async () => {
    const storage = createMemoryStorage({ [`vexil:${ENVIRONMENT_KEY}:user-1`]: JSON.stringify(snapshot) })
    const serverHtml = renderToString(
      <VexilProvider options={testOptions(createFakeFetch(), { identity: 'user-1' })}>
        <Page />
      </VexilProvider>,
    )
    expect(serverHtml).toBe('<main><span>25</span><span>default</span></main>')

    const network = createFakeFetch()
    const { container, problems } = await hydrate(
      serverHtml,
      <VexilProvider options={testOptions(network, { identity: 'user-1', storage })}>
        <Page />
      </VexilProvider>,
    )
    expect(problems).toEqual([])
    expect(container.textContent).toBe('Welcome back100cache')
    await act(async () =>
      network
        .last()
        .respond(apiIdentity('user-1', { banner: { enabled: true, value: 'Fresh' }, limit: { enabled: true } })),
    )
    expect(container.textContent).toBe('Fresh25server')
  })
})
