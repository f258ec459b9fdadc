import { type EvaluationContext, OpenFeature, ProviderEvents } from '@openfeature/server-sdk'
import { DefaultFlag } from '@vexil/node-sdk'
import { describe, expect, it } from 'vitest'
import { localOptions, modes, proxy, remoteOptions, setUp, useServerFixture } from './support/server-fixture'

useServerFixture()

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
    await proxy().stop()
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
