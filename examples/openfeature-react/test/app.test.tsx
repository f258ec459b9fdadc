// @vitest-environment jsdom
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { OpenFeature, OpenFeatureProvider } from '@openfeature/react-sdk'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { createEdgeProxy, type EdgeProxy } from '@vexil/edge-proxy'
import { EventSource } from 'eventsource'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { App } from '../src/app'
import { createDemoProvider } from '../src/create-demo-provider'

// A string path, not `new URL(…)`: under jsdom `URL` is jsdom's, which `fileURLToPath` refuses.
const demoDocument = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo-environment.json')
const eventually = { timeout: 5000, interval: 20 }

describe('examples/openfeature-react against the demo edge proxy', () => {
  let workDir: string
  let documentPath: string
  let proxy: EdgeProxy

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'vexil-openfeature-react-'))
    documentPath = join(workDir, 'environment.json')
    await copyFile(demoDocument, documentPath)
    proxy = await createEdgeProxy({ document: documentPath, port: 0, logger: { info() {}, warn() {}, error() {} } })
    // jsdom has no EventSource and no need to persist flags between tests.
    await OpenFeature.setProviderAndWait(createDemoProvider(proxy.apiUrl, { EventSource, storage: false }))
    render(
      <OpenFeatureProvider>
        <App apiUrl={proxy.apiUrl} />
      </OpenFeatureProvider>,
    )
  })

  afterAll(async () => {
    cleanup()
    await OpenFeature.close()
    await proxy.close()
    await rm(workDir, { recursive: true, force: true })
  })

  const shown = (flagKey: string) => screen.getByTestId(flagKey).textContent

  it('shows the anonymous visitor the environment flags', () => {
    expect(screen.getByTestId('status').textContent).toBe('READY')
    expect(shown('new_dashboard')).toBe('false (UNKNOWN)')
    expect(shown('items_per_page')).toBe('25 (UNKNOWN)')
    expect(shown('checkout_banner')).toBe('Free shipping on orders over $50 (UNKNOWN)')
    expect(shown('maintenance_mode')).toBe('none (DISABLED)')
    expect(shown('not_a_flag')).toBe('false (FLAG_NOT_FOUND)')
  })

  it('switches identity when a visitor is picked', async () => {
    await act(async () => screen.getByRole('button', { name: 'bob (pro)' }).click())
    await waitFor(() => expect(shown('items_per_page')).toBe('100 (UNKNOWN)'), eventually)
    await act(async () => screen.getByRole('button', { name: 'carol (beta tester)' }).click())
    await waitFor(() => expect(shown('new_dashboard')).toBe('true (UNKNOWN)'), eventually)
    expect(shown('llm_prompt_config')).toContain('"model":"gpt-4.1"')
    expect(screen.getByTestId('status').textContent).toBe('READY')
  })

  it('follows a change of the document without a reload', async () => {
    const document = JSON.parse(await readFile(documentPath, 'utf8'))
    const maintenance = document.feature_states.find(
      (state: { feature: { name: string } }) => state.feature.name === 'maintenance_mode',
    )
    maintenance.enabled = true
    document.updated_at = new Date(Date.parse(document.updated_at) + 60_000).toISOString()
    await writeFile(documentPath, JSON.stringify(document))
    await waitFor(
      () => expect(shown('maintenance_mode')).toBe('Scheduled maintenance on Sunday 02:00 UTC (UNKNOWN)'),
      eventually,
    )
  })
})
