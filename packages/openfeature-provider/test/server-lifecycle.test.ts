import { OpenFeature, ProviderEvents, ProviderStatus } from '@openfeature/server-sdk'
import { Flagsmith } from '@vexil/node-sdk'
import { VexilProvider } from '@vexil/openfeature-provider/server'
import { describe, expect, it, vi } from 'vitest'
import {
  eventually,
  localOptions,
  modes,
  proxy,
  register,
  remoteOptions,
  setUp,
  useServerFixture,
} from './support/server-fixture'
import { startSilentServer } from './support/silent-server'

useServerFixture()

describe('VexilProvider events', () => {
  it('emits CONFIGURATION_CHANGED listing only the changed flags when a realtime update arrives', async () => {
    const { client, recorder } = await setUp({ ...localOptions(), realtime: true, realtimeUrl: proxy().realtimeUrl })
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(1), eventually)
    recorder.clear()
    await proxy().updateFeature('banner_text', { value: 'Hello again' })
    const event = await recorder.next(ProviderEvents.ConfigurationChanged)
    expect(event.details?.flagsChanged).toEqual(['banner_text'])
    expect(await client.getStringValue('banner_text', '')).toBe('Hello again')
    expect(client.providerStatus).toBe(ProviderStatus.READY)
  })

  it('emits CONFIGURATION_CHANGED for changed environment flags in remote mode with realtime', async () => {
    const { recorder } = await setUp({ ...remoteOptions(), realtime: true, realtimeUrl: proxy().realtimeUrl })
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(1), eventually)
    recorder.clear()
    await proxy().updateFeature('dark_mode', { enabled: false })
    const event = await recorder.next(ProviderEvents.ConfigurationChanged)
    expect(event.details?.flagsChanged).toEqual(['dark_mode'])
  })

  it('emits CONFIGURATION_CHANGED when polling finds a new document', async () => {
    const { recorder } = await setUp({ ...localOptions(), environmentRefreshIntervalSeconds: 0.05 })
    recorder.clear()
    await proxy().updateFeature('max_items', { enabled: false })
    const event = await recorder.next(ProviderEvents.ConfigurationChanged)
    expect(event.details?.flagsChanged).toEqual(['max_items'])
  })

  it('goes STALE while refreshes fail, keeps serving the last flags, and is READY again on recovery', async () => {
    const { client, recorder } = await setUp({ ...localOptions(), environmentRefreshIntervalSeconds: 0.05 })
    recorder.clear()
    await proxy().stop()
    await recorder.next(ProviderEvents.Stale)
    expect(client.providerStatus).toBe(ProviderStatus.STALE)
    expect(await client.getStringValue('banner_text', '', { targetingKey: 'vip-1' })).toBe('Welcome back, VIP')
    await proxy().restart()
    await recorder.next(ProviderEvents.Ready)
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(recorder.types().filter((type) => type === ProviderEvents.Stale)).toHaveLength(1)
  })

  it('goes STALE when remote requests fail after the client had flags', async () => {
    const { client, recorder } = await setUp(remoteOptions())
    expect(await client.getStringValue('banner_text', '', { targetingKey: 'user-1' })).toBe('Hello')
    recorder.clear()
    await proxy().stop()
    // Without a cached answer for this identity (identityCache is off) node-sdk has nothing to serve.
    expect(await client.getStringDetails('banner_text', 'offline', { targetingKey: 'user-1' })).toMatchObject({
      value: 'offline',
      reason: 'ERROR',
      errorCode: 'GENERAL',
    })
    await recorder.next(ProviderEvents.Stale)
    expect(client.providerStatus).toBe(ProviderStatus.STALE)
    await proxy().restart()
    await client.getStringValue('banner_text', '', { targetingKey: 'user-1' })
    await recorder.next(ProviderEvents.Ready)
    expect(client.providerStatus).toBe(ProviderStatus.READY)
  })

  it('fails initialisation with ERROR when the API cannot be reached, and turns READY when flags arrive', async () => {
    await proxy().stop()
    const provider = new VexilProvider({
      ...localOptions(),
      environmentRefreshIntervalSeconds: 0.05,
      readyTimeoutMs: 200,
    })
    const { client, recorder, ready } = register(provider)
    await expect(ready).rejects.toThrow()
    expect(client.providerStatus).toBe(ProviderStatus.ERROR)
    expect((await recorder.next(ProviderEvents.Error)).details?.message).toEqual(expect.any(String))
    expect(await client.getStringDetails('banner_text', 'offline')).toMatchObject({ value: 'offline', reason: 'ERROR' })
    await proxy().restart()
    await recorder.next(ProviderEvents.Ready)
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(await client.getStringValue('banner_text', '')).toBe('Hello')
  })

  it('fails initialisation with ERROR after readyTimeoutMs when the API does not answer in time', async () => {
    const silent = await startSilentServer()
    try {
      const provider = new VexilProvider({ ...localOptions(), apiUrl: silent.apiUrl, readyTimeoutMs: 50 })
      const { client, ready } = register(provider)
      await expect(ready).rejects.toThrow()
      expect(client.providerStatus).toBe(ProviderStatus.ERROR)
    } finally {
      await silent.close()
    }
  })

  it.each(modes)('fails initialisation with FATAL when the API rejects the key ($mode)', async ({ options }) => {
    const wrongKey = options === localOptions ? 'ser.notTheServerKey' : 'notTheEnvironmentKey'
    const { client, recorder, ready } = register(new VexilProvider({ ...options(), environmentKey: wrongKey }))
    await expect(ready).rejects.toMatchObject({ code: 'PROVIDER_FATAL' })
    expect(client.providerStatus).toBe(ProviderStatus.FATAL)
    expect((await recorder.next(ProviderEvents.Error)).details?.message).toMatch(/rejected the environment key/)
    expect(await client.getBooleanDetails('dark_mode', false)).toMatchObject({
      value: false,
      errorCode: 'PROVIDER_FATAL',
    })
  })
})

describe('VexilProvider close', () => {
  it('closes a client it created, and can be initialised again', async () => {
    const provider = new VexilProvider({ ...localOptions(), realtime: true, realtimeUrl: proxy().realtimeUrl })
    const { domain, ready } = register(provider)
    await ready
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(1), eventually)
    await OpenFeature.clearProviders()
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(0), eventually)

    await OpenFeature.setProviderAndWait(domain, provider)
    expect(await OpenFeature.getClient(domain).getNumberValue('max_items', 0, { targetingKey: 'u', plan: 'pro' })).toBe(
      100,
    )
    await vi.waitFor(async () => expect(await proxy().realtimeClients()).toBe(1), eventually)
  })

  it('leaves a client it was given open', async () => {
    const flagsmith = new Flagsmith({ ...localOptions(), realtime: true, realtimeUrl: proxy().realtimeUrl })
    try {
      const provider = new VexilProvider({ client: flagsmith })
      expect(provider.client).toBe(flagsmith)
      const { ready } = register(provider)
      await ready
      await OpenFeature.clearProviders()
      await proxy().updateFeature('banner_text', { value: 'Still listening' })
      await vi.waitFor(
        async () =>
          expect((await flagsmith.getEnvironmentFlags()).getFeatureValue('banner_text')).toBe('Still listening'),
        eventually,
      )
    } finally {
      await flagsmith.close()
    }
  })
})
