import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '@vexil/browser-sdk'
import { createLocalClient } from '@vexil/browser-sdk/local'
import { compileEnvironment } from '@vexil/core-engine'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeFetch, settle } from './fake-fetch'

// A path, not a file URL: jsdom replaces the global URL class, which node:fs does not accept.
const demoDocument = () =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../examples/demo-environment.json'), 'utf8'))

const logger = { warn: vi.fn() }
afterEach(() => {
  logger.warn.mockClear()
})

describe('createLocalClient', () => {
  it('evaluates environment flags from the document without any request', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    try {
      const client = createLocalClient({ document: demoDocument(), logger })
      await client.ready()
      expect(client.getValue('items_per_page', 0)).toBe(25)
      expect(client.isEnabled('pro_export_feature')).toBe(false)
      expect(client.getFlag('items_per_page')).toMatchObject({ reason: 'DEFAULT', variant: null })
      expect(client.getStatus()).toEqual({ isLoading: false, isFetching: false, error: null, source: 'local' })
      await client.identify('jane', { plan: 'pro' })
      expect(fetch).not.toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('serves what the engine evaluates for each identity, settling identify at once', async () => {
    const document = demoDocument()
    const engine = compileEnvironment(demoDocument())
    const client = createLocalClient({ document, identity: 'jane', traits: { plan: 'pro' }, logger })
    expect(client.getAllFlags()).toEqual(engine.getIdentityFlags('jane', { plan: 'pro' }).flags)

    const flags = await client.identify('vip-customer-42')
    expect(flags).toEqual(engine.getIdentityFlags('vip-customer-42').flags)
    expect(client.getValue('api_rate_limit', 0)).toBe(5000)
    expect(client.getFlag('api_rate_limit')?.reason).toBe('TARGETING_MATCH; segment=identity_overrides')

    await client.identify('jo', { plan: 'pro', beta_tester: true })
    await client.setTraits({ plan: 'free' })
    expect(client.getAllFlags()).toEqual(engine.getIdentityFlags('jo', { plan: 'free', beta_tester: true }).flags)
    expect(client.getContext()).toEqual({ identifier: 'jo', traits: { plan: 'free', beta_tester: true } })

    await client.logout()
    expect(client.getAllFlags()).toEqual(engine.getEnvironmentFlags().flags)
  })

  it('notifies only the changed flags and keeps unchanged flag objects', async () => {
    const client = createLocalClient({ document: demoDocument(), logger })
    const uploadConfig = client.getFlag('upload_config')
    const listener = vi.fn()
    client.subscribe(listener)
    await client.identify('jane', { plan: 'pro' })
    expect(listener).toHaveBeenCalledTimes(1)
    const engine = compileEnvironment(demoDocument())
    const before = engine.getEnvironmentFlags().flags
    const after = engine.getIdentityFlags('jane', { plan: 'pro' }).flags
    const expected = Object.keys(after).filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    expect(expected).toContain('items_per_page')
    expect(expected).not.toContain('upload_config')
    expect([...(listener.mock.calls[0]?.[0] ?? [])].sort()).toEqual(expected.sort())
    expect(client.getFlag('upload_config')).toBe(uploadConfig)
  })

  it('switches to a newer document and keeps the last valid one when given an invalid one', () => {
    const client = createLocalClient({ document: demoDocument(), logger })
    const newer = demoDocument()
    newer.feature_states.find(
      (state: { feature: { name: string } }) => state.feature.name === 'items_per_page',
    ).feature_state_value = 50
    const listener = vi.fn()
    client.subscribe(listener)
    expect(client.setDocument(newer)).toBe(true)
    expect(listener).toHaveBeenCalledWith(['items_per_page'])
    expect(client.getValue('items_per_page', 0)).toBe(50)

    expect(client.setDocument({ feature_states: 'nope' })).toBe(false)
    expect(client.getValue('items_per_page', 0)).toBe(50)
    expect(client.getStatus()).toMatchObject({ source: 'local', error: { code: 'INVALID_DOCUMENT' } })
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('invalid environment document'))

    expect(client.setDocument(demoDocument())).toBe(true)
    expect(client.getStatus().error).toBeNull()
  })

  it('serves the default flags and rejects ready() when the first document is invalid', async () => {
    const client = createLocalClient({ document: null, defaultFlags: { banner: { enabled: true } }, logger })
    expect(client.isEnabled('banner')).toBe(true)
    expect(client.getStatus().source).toBe('default')
    await expect(client.ready()).rejects.toMatchObject({ code: 'INVALID_DOCUMENT' })
  })

  it('produces a snapshot a remote client starts from without a request', async () => {
    const local = createLocalClient({ document: demoDocument(), identity: 'jane', traits: { plan: 'pro' }, logger })
    const network = createFakeFetch()
    const remote = createClient({
      environmentKey: 'vexilDemoClientKey0001',
      bootstrap: JSON.parse(JSON.stringify(local.getSnapshot())),
      fetch: network.fetch,
      storage: false,
      logger,
    })
    await settle()
    expect(network.requests).toHaveLength(0)
    expect(remote.getAllFlags()).toEqual(local.getAllFlags())
    expect(remote.getContext()).toEqual({ identifier: 'jane', traits: { plan: 'pro' } })
    remote.close()
  })

  it('stops changing and settles ready() with CLOSED after close', async () => {
    const client = createLocalClient({ document: demoDocument(), logger })
    client.close()
    client.close()
    await client.identify('jane', { plan: 'pro' })
    expect(client.getValue('items_per_page', 0)).toBe(25)
    expect(client.setDocument(demoDocument())).toBe(false)
    await expect(client.ready()).rejects.toMatchObject({ code: 'CLOSED' })
  })
})
