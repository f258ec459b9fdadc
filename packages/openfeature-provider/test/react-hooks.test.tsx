// @vitest-environment jsdom
import {
  OpenFeatureProvider,
  useBooleanFlagValue,
  useContextMutator,
  useNumberFlagValue,
  useStringFlagDetails,
} from '@openfeature/react-sdk'
import { OpenFeature } from '@openfeature/web-sdk'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { VexilWebProvider } from '@vexil/openfeature-provider/web'
import { EventSource } from 'eventsource'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ENVIRONMENT_KEY, startTestProxy, type TestProxy } from './support/test-proxy'

const eventually = { timeout: 5000, interval: 20 }

let proxy: TestProxy
let domainCount = 0

beforeEach(async () => {
  proxy = await startTestProxy()
})

afterEach(async () => {
  cleanup()
  await OpenFeature.clearProviders()
  await proxy.close()
})

/** How often each component rendered, by name. */
type RenderCounts = Record<string, number>

function Banner({ renders }: { renders: RenderCounts }) {
  const details = useStringFlagDetails('banner_text', 'fallback')
  renders.banner = (renders.banner ?? 0) + 1
  return <p data-testid="banner">{`${details.value} (${details.reason})`}</p>
}

function MaxItems({ renders }: { renders: RenderCounts }) {
  const maxItems = useNumberFlagValue('max_items', 0)
  renders.maxItems = (renders.maxItems ?? 0) + 1
  return <p data-testid="max-items">{maxItems}</p>
}

function DarkMode({ renders }: { renders: RenderCounts }) {
  const isDark = useBooleanFlagValue('dark_mode', false)
  renders.darkMode = (renders.darkMode ?? 0) + 1
  return <p data-testid="dark-mode">{isDark ? 'dark' : 'light'}</p>
}

function SignIn() {
  const { setContext } = useContextMutator()
  return (
    <button type="button" onClick={() => setContext({ targetingKey: 'react-user', plan: 'pro' })}>
      sign in
    </button>
  )
}

async function renderApp(renders: RenderCounts) {
  const domain = `react-${++domainCount}`
  const provider = new VexilWebProvider({
    environmentKey: ENVIRONMENT_KEY,
    apiUrl: proxy.apiUrl,
    storage: false,
    realtime: true,
    realtimeUrl: proxy.realtimeUrl,
    EventSource,
    logger: { warn() {} },
  })
  await OpenFeature.setProviderAndWait(domain, provider)
  render(
    <OpenFeatureProvider domain={domain}>
      <Banner renders={renders} />
      <MaxItems renders={renders} />
      <DarkMode renders={renders} />
      <SignIn />
    </OpenFeatureProvider>,
  )
  await vi.waitFor(async () => expect(await proxy.realtimeClients()).toBe(1), eventually)
}

describe('@openfeature/react-sdk hooks on VexilWebProvider', () => {
  it('render the flags the provider serves', async () => {
    await renderApp({})
    expect(screen.getByTestId('banner').textContent).toBe('Hello (UNKNOWN)')
    expect(screen.getByTestId('max-items').textContent).toBe('25')
    expect(screen.getByTestId('dark-mode').textContent).toBe('dark')
  })

  it('re-render only the components whose flag changed when a realtime update arrives', async () => {
    const renders: RenderCounts = {}
    await renderApp(renders)
    const before = { ...renders }
    await act(() => proxy.updateFeature('banner_text', { value: 'Fresh news' }))
    await waitFor(() => expect(screen.getByTestId('banner').textContent).toBe('Fresh news (UNKNOWN)'), eventually)
    expect(renders.banner).toBeGreaterThan(before.banner ?? 0)
    expect(renders.maxItems).toBe(before.maxItems)
    expect(renders.darkMode).toBe(before.darkMode)

    await act(() => proxy.updateFeature('dark_mode', { enabled: false }))
    await waitFor(() => expect(screen.getByTestId('dark-mode').textContent).toBe('light'), eventually)
    expect(renders.maxItems).toBe(before.maxItems)
  })

  it('show the flags of the new identity after a context change from useContextMutator', async () => {
    await renderApp({})
    await act(async () => screen.getByRole('button', { name: 'sign in' }).click())
    await waitFor(() => expect(screen.getByTestId('max-items').textContent).toBe('100'), eventually)
    expect(screen.getByTestId('banner').textContent).toBe('Hello (UNKNOWN)')
  })
})
