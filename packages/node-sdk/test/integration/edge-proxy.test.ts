import { type Flags, Flagsmith, type FlagsmithConfig, type FlagsmithEvent } from '@vexil/node-sdk'
import { afterEach, describe, expect, it } from 'vitest'
import { startEdgeProxy } from '../support/edge-proxy-fixture'
import { CLIENT_KEY, SERVER_KEY, waitFor } from '../support/fixture'
import { createMemoryLogger } from '../support/memory-logger'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp() {
  const edge = await startEdgeProxy()
  cleanups.push(() => edge.remove())
  const create = (options: Partial<FlagsmithConfig>) => {
    const client = new Flagsmith({ apiUrl: edge.proxy.apiUrl, logger: createMemoryLogger(), retries: 0, ...options })
    cleanups.push(() => client.close())
    return client
  }
  return { edge, create }
}

const remoteOptions: Partial<FlagsmithConfig> = { environmentKey: CLIENT_KEY, identityCache: false }
const localOptions: Partial<FlagsmithConfig> = { environmentKey: SERVER_KEY, enableLocalEvaluation: true }

function summary(flags: Flags) {
  return Object.fromEntries(
    flags
      .allFlags()
      .map((flag) => [flag.featureName, { enabled: flag.enabled, value: flag.value, id: flag.featureId }] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  )
}

describe('node-sdk against a real edge proxy', () => {
  it('gives identical flags in remote and local modes for the same identities', async () => {
    const { create } = await setUp()
    const remote = create(remoteOptions)
    const local = create(localOptions)
    const identities: [string, Record<string, string | number | boolean>][] = [
      ['vip-user', {}],
      ['pro-1', { plan: 'pro' }],
      ['enterprise-1', { plan: 'enterprise', age: 52 }],
      ['beta-1', { beta: true, age: 30 }],
      ['beta-2', { beta: 'true', email: 'someone@example.com', age: 70 }],
      ...Array.from({ length: 30 }, (_, i): [string, Record<string, string>] => [`split-${i}`, {}]),
    ]
    expect(summary(await local.getEnvironmentFlags())).toEqual(summary(await remote.getEnvironmentFlags()))
    for (const [identifier, traits] of identities) {
      const [fromRemote, fromLocal] = [
        await remote.getIdentityFlags(identifier, traits),
        await local.getIdentityFlags(identifier, traits),
      ]
      expect(summary(fromLocal), identifier).toEqual(summary(fromRemote))
    }
    // The split identities must really land in more than one variant, or the comparison above proves little.
    const variants = new Set(identities.map(([id]) => local.getIdentityFlagsSync(id).getFeatureValue('checkout_flow')))
    expect(variants.size).toBeGreaterThan(1)
  })

  it('applies identity overrides in both modes', async () => {
    const { create } = await setUp()
    for (const client of [create(remoteOptions), create(localOptions)]) {
      const flags = await client.getIdentityFlags('vip-user')
      expect(flags.getFeatureValue('banner_text')).toBe('Hello, VIP')
      expect(flags.isFeatureEnabled('dark_mode')).toBe(true)
    }
  })

  it('stores traits remotely, but not transient traits nor those of a transient identity', async () => {
    const { create } = await setUp()
    const remote = create(remoteOptions)
    const banner = async (identifier: string) =>
      (await remote.getIdentityFlags(identifier)).getFeatureValue('banner_text')

    expect((await remote.getIdentityFlags('stored', { plan: 'pro' })).getFeatureValue('banner_text')).toBe(
      'Welcome back, pro',
    )
    expect(await banner('stored')).toBe('Welcome back, pro')

    const transientTrait = await remote.getIdentityFlags('transient-trait', { plan: { value: 'pro', transient: true } })
    expect(transientTrait.getFeatureValue('banner_text')).toBe('Welcome back, pro')
    expect(await banner('transient-trait')).toBe('Welcome')

    const transientIdentity = await remote.getIdentityFlags('transient-identity', { plan: 'pro' }, true)
    expect(transientIdentity.getFeatureValue('banner_text')).toBe('Welcome back, pro')
    expect(await banner('transient-identity')).toBe('Welcome')
  })

  it('evaluates traits locally, transient or not, without storing anything', async () => {
    const { create } = await setUp()
    const local = create(localOptions)
    await local.ready()
    expect(
      local.getIdentityFlagsSync('x', { plan: { value: 'pro', transient: true } }).getFeatureValue('max_upload_mb'),
    ).toBe(250)
    expect(local.getIdentityFlagsSync('x').getFeatureValue('max_upload_mb')).toBe(25)
    expect((await local.getIdentitySegments('x', { plan: 'pro' })).map((segment) => segment.name)).toEqual([
      'pro_users',
    ])
  })

  it('receives a change written to the document file over SSE, without polling', async () => {
    const { edge, create } = await setUp()
    const realtime = { realtime: true, realtimeUrl: `${edge.proxy.url}/`, environmentRefreshIntervalSeconds: 3600 }
    const local = create({ ...localOptions, ...realtime })
    // The default identity cache (10 s) would hide the change unless the event clears it.
    const remote = create({ environmentKey: CLIENT_KEY, ...realtime })
    const changes: FlagsmithEvent[] = []
    local.subscribe((event) => changes.push(event))
    await local.ready()
    expect((await remote.getIdentityFlags('reader')).getFeatureValue('banner_text')).toBe('Welcome')
    // Polling is an hour away and the proxy's stat fallback a minute: only the SSE push can deliver the edit.
    await edge.setBanner('Edited live')
    await waitFor(() => local.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'Edited live')
    expect(changes).toContainEqual({ type: 'change', flagsChanged: ['banner_text'] })
    await waitFor(
      async () => (await remote.getIdentityFlags('reader')).getFeatureValue('banner_text') === 'Edited live',
    )
  })

  it('serves the last good flags while the proxy is down, then recovers when it is back on the same port', async () => {
    const { edge, create } = await setUp()
    const realtime = { realtime: true, realtimeUrl: `${edge.proxy.url}/`, environmentRefreshIntervalSeconds: 3600 }
    // Reconnect delays of 10% of the exponential ceiling: quick, yet no tight loop while the proxy is down.
    const local = create({ ...localOptions, ...realtime, random: () => 0.1 })
    const remote = create({ ...remoteOptions, identityCache: { ttlMs: 1 } })
    const events: FlagsmithEvent['type'][] = []
    local.subscribe((event) => events.push(event.type))
    await local.ready()
    await remote.getIdentityFlags('vip-user')
    // An edit before the restart makes the client hold a realtime timestamp the restarted proxy will not continue.
    await edge.setBanner('Before restart')
    await waitFor(() => local.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'Before restart')
    events.splice(0)
    const port = edge.proxy.port

    await edge.proxy.close()
    await local.updateEnvironment()
    expect(events).toEqual(['stale'])
    expect(local.getIdentityFlagsSync('vip-user').getFeatureValue('banner_text')).toBe('Hello, VIP')
    expect((await remote.getIdentityFlags('vip-user')).getFeatureValue('banner_text')).toBe('Hello, VIP')
    expect((await remote.getEnvironmentFlags().catch((error: unknown) => error)) as object).toMatchObject({
      code: 'NETWORK_ERROR',
    })

    await edge.setBanner('After restart')
    const restarted = await startEdgeProxy({ port, documentPath: edge.documentPath })
    cleanups.push(() => restarted.proxy.close())
    await waitFor(() => local.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'After restart', 10_000)
    expect(events).toEqual(['stale', 'change', 'recovered'])
    expect((await remote.getEnvironmentFlags()).getFeatureValue('banner_text')).toBe('After restart')

    await restarted.setBanner('Edited after restart')
    await waitFor(() => local.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'Edited after restart')
  }, 20_000)
})
