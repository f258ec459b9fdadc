// @vitest-environment jsdom
import { OpenFeature, ProviderEvents, ProviderStatus } from '@openfeature/web-sdk'
import { createClient } from '@vexil/browser-sdk'
import { VexilWebProvider } from '@vexil/openfeature-provider/web'
import { EventSource } from 'eventsource'
import { describe, expect, it, vi } from 'vitest'
import { startSilentServer } from './support/silent-server'
import { ENVIRONMENT_KEY } from './support/test-proxy'
import { createProvider, eventually, proxy, quiet, register, setUp, useWebFixture } from './support/web-fixture'

useWebFixture()

describe('VexilWebProvider events', () => {
  it('emits CONFIGURATION_CHANGED listing only the changed flags when a realtime update arrives', async () => {
    const { client, recorder } = await setUp({ realtime: true, realtimeUrl: proxy().realtimeUrl, EventSource })
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(1), eventually)
    recorder.clear()
    await proxy().updateFeature('banner_text', { value: 'Hello again' })
    const event = await recorder.next(ProviderEvents.ConfigurationChanged)
    expect(event.details?.flagsChanged).toEqual(['banner_text'])
    expect(client.getStringValue('banner_text', '')).toBe('Hello again')
    expect(client.providerStatus).toBe(ProviderStatus.READY)
  })

  it('goes STALE while refreshes fail, keeps serving the last flags, and is READY again on recovery', async () => {
    const { client, recorder } = await setUp({ pollingIntervalMs: 50 })
    recorder.clear()
    await proxy().stop()
    const stale = await recorder.next(ProviderEvents.Stale)
    expect(stale.details?.message).toMatch(/cannot reach/)
    expect(client.providerStatus).toBe(ProviderStatus.STALE)
    expect(client.getStringValue('banner_text', '')).toBe('Hello')
    await proxy().restart()
    await recorder.next(ProviderEvents.Ready)
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(recorder.types().filter((type) => type === ProviderEvents.Stale)).toHaveLength(1)
  })

  it('goes STALE after switching to an identity whose flags come from storage because the API is down', async () => {
    localStorage.clear()
    const { domain, client, recorder } = await setUp({ storage: localStorage })
    await OpenFeature.setContext(domain, { targetingKey: 'user-10', plan: 'pro' })
    await OpenFeature.setContext(domain, {})
    await proxy().stop()
    recorder.clear()
    await OpenFeature.setContext(domain, { targetingKey: 'user-10', plan: 'pro' })
    expect(client.getNumberDetails('max_items', 0)).toMatchObject({ value: 100, reason: 'CACHED' })
    await recorder.next(ProviderEvents.Stale)
    expect(recorder.types()).toEqual([ProviderEvents.Reconciling, ProviderEvents.ContextChanged, ProviderEvents.Stale])
    expect(client.providerStatus).toBe(ProviderStatus.STALE)
  })

  it('fails initialisation with ERROR when the API cannot be reached, and turns READY when flags arrive', async () => {
    await proxy().stop()
    const { client, recorder, ready } = register(createProvider({ pollingIntervalMs: 50 }))
    await expect(ready).rejects.toThrow(/cannot reach/)
    expect(client.providerStatus).toBe(ProviderStatus.ERROR)
    const error = await recorder.next(ProviderEvents.Error)
    expect(error.details?.message).toMatch(/cannot reach/)
    expect(client.getStringDetails('banner_text', 'offline')).toMatchObject({ value: 'offline', reason: 'ERROR' })
    await proxy().restart()
    await recorder.next(ProviderEvents.Ready)
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(client.getStringValue('banner_text', '')).toBe('Hello')
  })

  it('fails initialisation with FATAL when the API rejects the environment key', async () => {
    const { client, recorder, ready } = register(createProvider({ environmentKey: 'notTheEnvironmentKey' }))
    await expect(ready).rejects.toMatchObject({ code: 'PROVIDER_FATAL' })
    expect(client.providerStatus).toBe(ProviderStatus.FATAL)
    const error = await recorder.next(ProviderEvents.Error)
    expect(error.details?.message).toMatch(/rejected the environment key/)
    expect(client.getBooleanDetails('dark_mode', false)).toMatchObject({
      value: false,
      errorCode: 'PROVIDER_FATAL',
    })
  })

  it.each([
    { status: 401, providerStatus: ProviderStatus.FATAL, code: 'PROVIDER_FATAL' },
    { status: 403, providerStatus: ProviderStatus.FATAL, code: 'PROVIDER_FATAL' },
    { status: 503, providerStatus: ProviderStatus.ERROR, code: 'HTTP_ERROR' },
  ])('fails initialisation with $providerStatus when the API answers $status', async ({ status, ...expected }) => {
    const fetch = async () => new Response('{}', { status, headers: { 'Content-Type': 'application/json' } })
    const { client, recorder, ready } = register(createProvider({ fetch }))
    await expect(ready).rejects.toMatchObject({ code: expected.code })
    expect(client.providerStatus).toBe(expected.providerStatus)
    await recorder.next(ProviderEvents.Error)
  })

  it('fails initialisation with ERROR after readyTimeoutMs when the API does not answer in time', async () => {
    const silent = await startSilentServer()
    try {
      const { client, ready } = register(createProvider({ apiUrl: silent.apiUrl, readyTimeoutMs: 50 }))
      await expect(ready).rejects.toMatchObject({ code: 'TIMEOUT' })
      expect(client.providerStatus).toBe(ProviderStatus.ERROR)
    } finally {
      await silent.close()
    }
  })
})

describe('VexilWebProvider close', () => {
  it('closes a client it created, and can be initialised again', async () => {
    const provider = createProvider({ realtime: true, realtimeUrl: proxy().realtimeUrl, EventSource })
    const { domain, ready } = register(provider)
    await ready
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(1), eventually)
    await OpenFeature.clearProviders()
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(0), eventually)

    await OpenFeature.setProviderAndWait(domain, provider, { targetingKey: 'user-9', plan: 'pro' })
    expect(OpenFeature.getClient(domain).getNumberValue('max_items', 0)).toBe(100)
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(1), eventually)
  })

  it('leaves a client it was given open', async () => {
    const vexil = createClient({
      environmentKey: ENVIRONMENT_KEY,
      apiUrl: proxy().apiUrl,
      storage: false,
      realtime: true,
      realtimeUrl: proxy().realtimeUrl,
      EventSource,
      logger: quiet,
    })
    try {
      const provider = new VexilWebProvider({ client: vexil })
      expect(provider.client).toBe(vexil)
      const { client, ready } = register(provider)
      await ready
      expect(client.getStringValue('banner_text', '')).toBe('Hello')
      await OpenFeature.clearProviders()
      await proxy().updateFeature('banner_text', { value: 'Still listening' })
      await vi.waitFor(() => expect(vexil.getValue('banner_text', '')).toBe('Still listening'), eventually)
    } finally {
      vexil.close()
    }
  })
})
