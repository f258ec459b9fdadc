import {
  type Client,
  type EvaluationContext,
  OpenFeature,
  ProviderEvents,
  ProviderStatus,
} from '@openfeature/server-sdk'
import { DefaultFlag, Flagsmith, type FlagsmithConfig } from '@vexil/node-sdk'
import { VexilProvider, type VexilProviderOptions } from '@vexil/openfeature-provider/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { recordEvents } from './support/record-events'
import { startSilentServer } from './support/silent-server'
import { ENVIRONMENT_KEY, SERVER_KEY, startTestProxy, type TestProxy } from './support/test-proxy'

const ALL_EVENTS = Object.values(ProviderEvents)
const quiet = { debug() {}, info() {}, warn() {}, error() {} }
const eventually = { timeout: 5000, interval: 20 }

let proxy: TestProxy
let domainCount = 0

beforeEach(async () => {
  proxy = await startTestProxy()
})

afterEach(async () => {
  await OpenFeature.clearProviders()
  OpenFeature.setContext({})
  await proxy.close()
})

function localOptions(): FlagsmithConfig {
  return { environmentKey: SERVER_KEY, apiUrl: proxy.apiUrl, enableLocalEvaluation: true, retries: 0, logger: quiet }
}

function remoteOptions(): FlagsmithConfig {
  return { environmentKey: ENVIRONMENT_KEY, apiUrl: proxy.apiUrl, retries: 0, identityCache: false, logger: quiet }
}

/** Registers `provider` for a fresh domain and returns its client, with every event it receives recorded. */
function register(provider: VexilProvider) {
  const domain = `server-${++domainCount}`
  const client: Client = OpenFeature.getClient(domain)
  const recorder = recordEvents(client, ALL_EVENTS)
  const ready = OpenFeature.setProviderAndWait(domain, provider)
  return { domain, client, recorder, ready }
}

async function setUp(options: VexilProviderOptions) {
  const setup = register(new VexilProvider(options))
  await setup.ready
  return setup
}

const modes = [
  { mode: 'local evaluation', options: localOptions },
  { mode: 'remote evaluation', options: remoteOptions },
] as const

describe.each(modes)('VexilProvider resolution with @openfeature/server-sdk ($mode)', ({ options }) => {
  it('identifies itself as vexil, to handlers and hooks', async () => {
    const { client, recorder } = await setUp(options())
    expect(client.metadata.providerMetadata.name).toBe('vexil')
    expect((await recorder.next(ProviderEvents.Ready)).details?.providerName).toBe('vexil')
  })

  it('resolves each type with the feature id as metadata', async () => {
    const { client } = await setUp(options())
    expect(await client.getBooleanDetails('dark_mode', false)).toMatchObject({
      value: true,
      flagMetadata: { featureId: 1 },
    })
    expect(await client.getStringValue('banner_text', '')).toBe('Hello')
    expect(await client.getNumberValue('max_items', 0)).toBe(25)
    expect(await client.getNumberValue('price_multiplier', 0)).toBe(1.5)
    expect(await client.getObjectValue('upload_config', {})).toEqual({
      max_file_size_mb: 10,
      allowed_types: ['pdf', 'csv'],
    })
  })

  it("reads booleans from the flag's enabled state, whatever the caller's default", async () => {
    const { client } = await setUp(options())
    expect(await client.getBooleanValue('dark_mode', false)).toBe(true)
    expect(await client.getBooleanValue('early_access', true)).toBe(false)
    expect(await client.getBooleanValue('banner_text', false)).toBe(true)
  })

  it("reads booleans from the flag's value with booleanSource: 'value'", async () => {
    const { client } = await setUp({ ...options(), booleanSource: 'value' })
    expect(await client.getBooleanValue('beta_value', false)).toBe(true)
    expect(await client.getBooleanDetails('banner_text', false)).toMatchObject({
      value: false,
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
    })
  })

  it('returns the default with FLAG_NOT_FOUND, TYPE_MISMATCH or PARSE_ERROR', async () => {
    const { client } = await setUp(options())
    expect(await client.getBooleanDetails('no_such_flag', true)).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    })
    expect(await client.getNumberDetails('banner_text', 7)).toMatchObject({
      value: 7,
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
      errorMessage: 'Flag "banner_text" has a string value, not a number',
    })
    expect(await client.getObjectDetails('broken_json', { fallback: true })).toMatchObject({
      value: { fallback: true },
      reason: 'ERROR',
      errorCode: 'PARSE_ERROR',
    })
  })

  it('returns the default with reason DISABLED for a disabled flag read for its value', async () => {
    const { client } = await setUp(options())
    const details = await client.getStringDetails('maintenance_message', 'all systems go')
    expect(details).toMatchObject({ value: 'all systems go', reason: 'DISABLED', flagMetadata: { featureId: 8 } })
    expect(details.errorCode).toBeUndefined()
    expect(details.errorMessage).toBeUndefined()
  })

  it('maps targetingKey, top-level attributes, dates, nested objects and a legacy traits object', async () => {
    const { client } = await setUp(options())
    const read = (context: EvaluationContext) => client.getNumberValue('max_items', 0, context)
    expect(await read({ plan: 'pro' })).toBe(25)
    expect(await read({ targetingKey: 'user-1', plan: 'pro' })).toBe(100)
    expect(await read({ targetingKey: 'user-2', traits: { plan: 'pro' } })).toBe(100)
    expect(await read({ targetingKey: 'user-3', traits: { plan: 'pro' }, plan: 'free' })).toBe(25)
    const early = { targetingKey: 'user-4', signed_up_at: new Date('2024-05-01T00:00:00Z') }
    expect(await client.getBooleanValue('early_access', false, early)).toBe(true)
    const enterprise = { targetingKey: 'user-5', company: { plan: 'enterprise' } }
    expect(await client.getStringValue('banner_text', '', enterprise)).toBe('Hello, enterprise')
    expect(await client.getStringValue('banner_text', '', { targetingKey: 'vip-1' })).toBe('Welcome back, VIP')
  })

  it('evaluates the context the SDK merges from the global, client and invocation contexts', async () => {
    const { client } = await setUp(options())
    OpenFeature.setContext({ plan: 'pro' })
    expect(await client.getNumberValue('max_items', 0, { targetingKey: 'user-6' })).toBe(100)
    client.setContext({ plan: 'free' })
    expect(await client.getNumberValue('max_items', 0, { targetingKey: 'user-6' })).toBe(25)
  })
})

describe('VexilProvider with a node-sdk defaultFlagHandler', () => {
  it("serves the handler's flag, with reason DEFAULT, for a flag the environment lacks", async () => {
    const { client } = await setUp({
      ...localOptions(),
      defaultFlagHandler: (name) => new DefaultFlag(`default for ${name}`, true),
    })
    expect(await client.getStringDetails('no_such_flag', 'caller default')).toMatchObject({
      value: 'default for no_such_flag',
      reason: 'DEFAULT',
    })
    expect(await client.getStringDetails('banner_text', '')).toMatchObject({ value: 'Hello', reason: 'STATIC' })
  })

  it("serves the handler's flags when the API cannot be reached", async () => {
    const { client } = await setUp({
      ...remoteOptions(),
      defaultFlagHandler: () => new DefaultFlag('offline value', true),
    })
    await proxy.stop()
    expect(await client.getStringDetails('banner_text', '', { targetingKey: 'user-1' })).toMatchObject({
      value: 'offline value',
      reason: 'DEFAULT',
    })
  })
})

describe('VexilProvider reasons and segments (local evaluation)', () => {
  it('reports STATIC for environment flags and DEFAULT for identities no override matched', async () => {
    const { client } = await setUp(localOptions())
    expect((await client.getStringDetails('banner_text', '')).reason).toBe('STATIC')
    expect((await client.getStringDetails('banner_text', '', { targetingKey: 'user-1' })).reason).toBe('DEFAULT')
  })

  it('reports TARGETING_MATCH with the matched segment for segment and identity overrides', async () => {
    const { client } = await setUp(localOptions())
    expect(await client.getNumberDetails('max_items', 0, { targetingKey: 'user-1', plan: 'pro' })).toMatchObject({
      value: 100,
      reason: 'TARGETING_MATCH',
      flagMetadata: { featureId: 3, segment: 'pro_plan' },
    })
    expect(await client.getStringDetails('banner_text', '', { targetingKey: 'vip-1' })).toMatchObject({
      value: 'Welcome back, VIP',
      reason: 'TARGETING_MATCH',
      flagMetadata: { featureId: 2, segment: 'identity_overrides' },
    })
  })

  it('reports SPLIT for a multivariate flag evaluated for an identity', async () => {
    const { client } = await setUp(localOptions())
    const details = await client.getStringDetails('checkout_colour', 'red', { targetingKey: 'user-1' })
    expect(details).toMatchObject({ value: 'blue', reason: 'SPLIT', flagMetadata: { featureId: 9 } })
    expect(await client.getStringDetails('checkout_colour', '')).toMatchObject({ value: 'red', reason: 'STATIC' })
  })
})

describe('VexilProvider events', () => {
  it('emits CONFIGURATION_CHANGED listing only the changed flags when a realtime update arrives', async () => {
    const { client, recorder } = await setUp({ ...localOptions(), realtime: true, realtimeUrl: proxy.realtimeUrl })
    await vi.waitFor(async () => expect(await proxy.realtimeClients()).toBe(1), eventually)
    recorder.clear()
    await proxy.updateFeature('banner_text', { value: 'Hello again' })
    const event = await recorder.next(ProviderEvents.ConfigurationChanged)
    expect(event.details?.flagsChanged).toEqual(['banner_text'])
    expect(await client.getStringValue('banner_text', '')).toBe('Hello again')
    expect(client.providerStatus).toBe(ProviderStatus.READY)
  })

  it('emits CONFIGURATION_CHANGED for changed environment flags in remote mode with realtime', async () => {
    const { recorder } = await setUp({ ...remoteOptions(), realtime: true, realtimeUrl: proxy.realtimeUrl })
    await vi.waitFor(async () => expect(await proxy.realtimeClients()).toBe(1), eventually)
    recorder.clear()
    await proxy.updateFeature('dark_mode', { enabled: false })
    const event = await recorder.next(ProviderEvents.ConfigurationChanged)
    expect(event.details?.flagsChanged).toEqual(['dark_mode'])
  })

  it('emits CONFIGURATION_CHANGED when polling finds a new document', async () => {
    const { recorder } = await setUp({ ...localOptions(), environmentRefreshIntervalSeconds: 0.05 })
    recorder.clear()
    await proxy.updateFeature('max_items', { enabled: false })
    const event = await recorder.next(ProviderEvents.ConfigurationChanged)
    expect(event.details?.flagsChanged).toEqual(['max_items'])
  })

  it('goes STALE while refreshes fail, keeps serving the last flags, and is READY again on recovery', async () => {
    const { client, recorder } = await setUp({ ...localOptions(), environmentRefreshIntervalSeconds: 0.05 })
    recorder.clear()
    await proxy.stop()
    await recorder.next(ProviderEvents.Stale)
    expect(client.providerStatus).toBe(ProviderStatus.STALE)
    expect(await client.getStringValue('banner_text', '', { targetingKey: 'vip-1' })).toBe('Welcome back, VIP')
    await proxy.restart()
    await recorder.next(ProviderEvents.Ready)
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(recorder.types().filter((type) => type === ProviderEvents.Stale)).toHaveLength(1)
  })

  it('goes STALE when remote requests fail after the client had flags', async () => {
    const { client, recorder } = await setUp(remoteOptions())
    expect(await client.getStringValue('banner_text', '', { targetingKey: 'user-1' })).toBe('Hello')
    recorder.clear()
    await proxy.stop()
    // Without a cached answer for this identity (identityCache is off) node-sdk has nothing to serve.
    expect(await client.getStringDetails('banner_text', 'offline', { targetingKey: 'user-1' })).toMatchObject({
      value: 'offline',
      reason: 'ERROR',
      errorCode: 'GENERAL',
    })
    await recorder.next(ProviderEvents.Stale)
    expect(client.providerStatus).toBe(ProviderStatus.STALE)
    await proxy.restart()
    await client.getStringValue('banner_text', '', { targetingKey: 'user-1' })
    await recorder.next(ProviderEvents.Ready)
    expect(client.providerStatus).toBe(ProviderStatus.READY)
  })

  it('fails initialisation with ERROR when the API cannot be reached, and turns READY when flags arrive', async () => {
    await proxy.stop()
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
    await proxy.restart()
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
    const provider = new VexilProvider({ ...localOptions(), realtime: true, realtimeUrl: proxy.realtimeUrl })
    const { domain, ready } = register(provider)
    await ready
    await vi.waitFor(async () => expect(await proxy.realtimeClients()).toBe(1), eventually)
    await OpenFeature.clearProviders()
    await vi.waitFor(async () => expect(await proxy.realtimeClients()).toBe(0), eventually)

    await OpenFeature.setProviderAndWait(domain, provider)
    expect(await OpenFeature.getClient(domain).getNumberValue('max_items', 0, { targetingKey: 'u', plan: 'pro' })).toBe(
      100,
    )
    await vi.waitFor(async () => expect(await proxy.realtimeClients()).toBe(1), eventually)
  })

  it('leaves a client it was given open', async () => {
    const flagsmith = new Flagsmith({ ...localOptions(), realtime: true, realtimeUrl: proxy.realtimeUrl })
    try {
      const provider = new VexilProvider({ client: flagsmith })
      expect(provider.client).toBe(flagsmith)
      const { ready } = register(provider)
      await ready
      await OpenFeature.clearProviders()
      await proxy.updateFeature('banner_text', { value: 'Still listening' })
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
