import { act, render, screen } from '@testing-library/react'
import type { VexilClient } from '@vexil/browser-sdk'
import { useFlagsStatus, useFlagValue, useSuspenseFlag, useVexilClient, VexilProvider } from '@vexil/react'
import { StrictMode, Suspense } from 'react'
import { describe, expect, it } from 'vitest'
import { createFakeFetch } from '../../browser-sdk/test/fake-fetch'
import { createMemoryStorage } from '../../browser-sdk/test/memory-storage'
import { apiFlags, createTestClient, ENVIRONMENT_KEY, settle, testOptions } from './client-fixture'

function Source({ testId = 'source' }: { testId?: string }) {
  const status = useFlagsStatus()
  return <span data-testid={testId}>{`${status.source}${status.isLoading ? ' loading' : ''}`}</span>
}

function Value({ name, testId }: { name: string; testId: string }) {
  return <span data-testid={testId}>{String(useFlagValue(name, 'unknown'))}</span>
}

function Capture({ onClient }: { onClient: (client: VexilClient) => void }) {
  onClient(useVexilClient())
  return null
}

function Banner() {
  const { enabled, value } = useSuspenseFlag('banner')
  return <span data-testid="banner">{enabled ? String(value) : 'off'}</span>
}

describe('VexilProvider with options', () => {
  it('creates its client without I/O during render, starts it after mount and closes it on unmount', async () => {
    const network = createFakeFetch()
    let client: VexilClient | undefined
    const { unmount } = render(
      <StrictMode>
        <VexilProvider options={testOptions(network)}>
          <Capture
            onClient={(captured) => {
              client = captured
            }}
          />
          <Source />
        </VexilProvider>
      </StrictMode>,
    )
    expect(network.requests).toHaveLength(1)
    await act(async () => network.last().respond(apiFlags({ a: { enabled: true } })))
    expect(screen.getByTestId('source').textContent).toBe('server')

    await act(async () => void client?.identify('user-1'))
    const pending = network.last()
    unmount()
    await settle()
    expect(pending.isAborted()).toBe(true)
    await expect(client?.ready()).rejects.toMatchObject({ code: 'CLOSED' })
  })

  it('leaves a client it was given open on unmount', async () => {
    const { client, network } = createTestClient()
    const { unmount } = render(
      <VexilProvider client={client}>
        <Source />
      </VexilProvider>,
    )
    unmount()
    await settle()
    expect(network.last().isAborted()).toBe(false)
  })

  it('reports the cache and bootstrap sources', async () => {
    const storage = createMemoryStorage({
      [`vexil:${ENVIRONMENT_KEY}:`]: JSON.stringify({
        environmentKey: ENVIRONMENT_KEY,
        identity: null,
        flags: { a: { name: 'a', enabled: true, value: 'cached' } },
        fetchedAt: 1,
      }),
    })
    const bootstrap = {
      environmentKey: ENVIRONMENT_KEY,
      identity: null,
      flags: { a: { name: 'a', enabled: true, value: 'bootstrapped' } },
      fetchedAt: Date.now(),
    }
    render(
      <>
        <VexilProvider options={testOptions(createFakeFetch(), { storage })}>
          <Source testId="cached-source" />
          <Value name="a" testId="cached-value" />
        </VexilProvider>
        <VexilProvider options={testOptions(createFakeFetch(), { storage })} bootstrap={bootstrap}>
          <Source testId="bootstrap-source" />
          <Value name="a" testId="bootstrap-value" />
        </VexilProvider>
      </>,
    )
    await settle()
    expect(screen.getByTestId('cached-source').textContent).toBe('cache')
    expect(screen.getByTestId('cached-value').textContent).toBe('cached')
    expect(screen.getByTestId('bootstrap-source').textContent).toBe('bootstrap')
    expect(screen.getByTestId('bootstrap-value').textContent).toBe('bootstrapped')
  })

  it('keeps several providers on one page independent', async () => {
    const first = createTestClient()
    const second = createTestClient()
    render(
      <>
        <VexilProvider client={first.client}>
          <Value name="a" testId="first" />
        </VexilProvider>
        <VexilProvider client={second.client}>
          <Value name="a" testId="second" />
        </VexilProvider>
      </>,
    )
    await act(async () => first.network.last().respond(apiFlags({ a: { enabled: true, value: 'one' } })))
    expect(screen.getByTestId('first').textContent).toBe('one')
    expect(screen.getByTestId('second').textContent).toBe('unknown')
    await act(async () => second.network.last().respond(apiFlags({ a: { enabled: true, value: 'two' } })))
    expect(screen.getByTestId('first').textContent).toBe('one')
    expect(screen.getByTestId('second').textContent).toBe('two')
  })
})

describe('useSuspenseFlag', () => {
  it('suspends until the first flags arrive', async () => {
    const network = createFakeFetch()
    render(
      <VexilProvider options={testOptions(network)}>
        <Suspense fallback={<span data-testid="banner">loading</span>}>
          <Banner />
        </Suspense>
      </VexilProvider>,
    )
    expect(screen.getByTestId('banner').textContent).toBe('loading')
    await act(async () => network.last().respond(apiFlags({ banner: { enabled: true, value: 'Sale' } })))
    expect(screen.getByTestId('banner').textContent).toBe('Sale')
  })

  it('stops suspending and serves the defaults when the first load fails', async () => {
    const network = createFakeFetch()
    render(
      <VexilProvider options={testOptions(network, { defaultFlags: { banner: { enabled: true, value: 'Default' } } })}>
        <Suspense fallback={<span data-testid="banner">loading</span>}>
          <Banner />
        </Suspense>
      </VexilProvider>,
    )
    await act(async () => network.last().respond({}, { status: 500 }))
    expect(screen.getByTestId('banner').textContent).toBe('Default')
  })

  it('does not suspend with a fresh bootstrap', () => {
    const bootstrap = {
      environmentKey: ENVIRONMENT_KEY,
      identity: null,
      flags: { banner: { name: 'banner', enabled: true, value: 'Ready' } },
      fetchedAt: Date.now(),
    }
    render(
      <VexilProvider options={testOptions(createFakeFetch())} bootstrap={bootstrap}>
        <Suspense fallback={<span data-testid="banner">loading</span>}>
          <Banner />
        </Suspense>
      </VexilProvider>,
    )
    expect(screen.getByTestId('banner').textContent).toBe('Ready')
  })
})
