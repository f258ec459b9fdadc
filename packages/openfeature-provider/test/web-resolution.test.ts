// @vitest-environment jsdom
import { OpenFeature, ProviderEvents, ProviderStatus } from '@openfeature/web-sdk'
import { describe, expect, it } from 'vitest'
import { proxy, setUp, useWebFixture } from './support/web-fixture'

useWebFixture()

describe('VexilWebProvider resolution with @openfeature/web-sdk against an edge proxy', () => {
  it('identifies itself as vexil-web, to handlers and hooks', async () => {
    const { client, recorder } = await setUp()
    expect(client.metadata.providerMetadata.name).toBe('vexil-web')
    expect((await recorder.next(ProviderEvents.Ready)).details?.providerName).toBe('vexil-web')
  })

  it('resolves each type from the flags held, synchronously, with the feature id as metadata', async () => {
    const { client } = await setUp()
    expect(client.getBooleanDetails('dark_mode', false)).toMatchObject({
      value: true,
      flagMetadata: { featureId: 1 },
    })
    expect(client.getStringValue('banner_text', '')).toBe('Hello')
    expect(client.getNumberValue('max_items', 0)).toBe(25)
    expect(client.getNumberValue('price_multiplier', 0)).toBe(1.5)
    expect(client.getObjectValue('upload_config', {})).toEqual({ max_file_size_mb: 10, allowed_types: ['pdf', 'csv'] })
  })

  it('reports UNKNOWN as reason, since the remote API does not say why a flag has its state', async () => {
    const { client } = await setUp()
    const details = client.getStringDetails('banner_text', '')
    expect(details.reason).toBe('UNKNOWN')
    expect(details.errorCode).toBeUndefined()
    expect(details.errorMessage).toBeUndefined()
  })

  it("reads booleans from the flag's enabled state, whatever the caller's default", async () => {
    const { client } = await setUp()
    expect(client.getBooleanValue('dark_mode', false)).toBe(true)
    expect(client.getBooleanValue('early_access', true)).toBe(false)
    expect(client.getBooleanValue('banner_text', false)).toBe(true)
  })

  it("reads booleans from the flag's value with booleanSource: 'value'", async () => {
    const { client } = await setUp({ booleanSource: 'value' })
    expect(client.getBooleanDetails('beta_value', false)).toMatchObject({ value: true, reason: 'UNKNOWN' })
    expect(client.getBooleanDetails('banner_text', false)).toMatchObject({
      value: false,
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
    })
  })

  it('returns the default with FLAG_NOT_FOUND for a flag the environment lacks', async () => {
    const { client } = await setUp()
    expect(client.getBooleanDetails('no_such_flag', true)).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
      errorMessage: 'Flag "no_such_flag" is not in the environment',
    })
  })

  it('returns the default with TYPE_MISMATCH when the value has another type', async () => {
    const { client } = await setUp()
    expect(client.getNumberDetails('banner_text', 7)).toMatchObject({
      value: 7,
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
    })
    expect(client.getStringDetails('max_items', 'none')).toMatchObject({ value: 'none', errorCode: 'TYPE_MISMATCH' })
    expect(client.getObjectDetails('banner_text', { fallback: true })).toMatchObject({
      value: { fallback: true },
      errorCode: 'TYPE_MISMATCH',
    })
  })

  it('returns the default with PARSE_ERROR for an object flag holding broken JSON', async () => {
    const { client } = await setUp()
    expect(client.getObjectDetails('broken_json', { fallback: true })).toMatchObject({
      value: { fallback: true },
      reason: 'ERROR',
      errorCode: 'PARSE_ERROR',
    })
  })

  it('returns the default with reason DISABLED for a disabled flag read for its value', async () => {
    const { client } = await setUp()
    const details = client.getStringDetails('maintenance_message', 'all systems go')
    expect(details).toMatchObject({ value: 'all systems go', reason: 'DISABLED', flagMetadata: { featureId: 8 } })
    expect(details.errorCode).toBeUndefined()
  })
})

describe('VexilWebProvider context', () => {
  it('evaluates for the identity of the context given to setProviderAndWait', async () => {
    const { client } = await setUp({}, { targetingKey: 'user-1', plan: 'pro' })
    expect(client.getNumberValue('max_items', 0)).toBe(100)
    expect(client.getBooleanValue('premium_toggle', false)).toBe(true)
  })

  it('maps targetingKey, top-level attributes, dates, nested objects and a legacy traits object', async () => {
    const { domain, client } = await setUp()
    await OpenFeature.setContext(domain, { targetingKey: 'user-2', signed_up_at: new Date('2024-05-01T00:00:00Z') })
    expect(client.getBooleanValue('early_access', false)).toBe(true)
    await OpenFeature.setContext(domain, { targetingKey: 'user-3', company: { plan: 'enterprise' } })
    expect(client.getStringValue('banner_text', '')).toBe('Hello, enterprise')
    await OpenFeature.setContext(domain, { targetingKey: 'user-4', traits: { plan: 'pro' } })
    expect(client.getNumberValue('max_items', 0)).toBe(100)
    await OpenFeature.setContext(domain, { targetingKey: 'vip-1' })
    expect(client.getStringValue('banner_text', '')).toBe('Welcome back, VIP')
  })

  it('announces RECONCILING then CONTEXT_CHANGED, serving the new identity once the change settles', async () => {
    const { domain, client, recorder } = await setUp()
    recorder.clear()
    const change = OpenFeature.setContext(domain, { targetingKey: 'user-5', plan: 'pro' })
    expect(client.providerStatus).toBe(ProviderStatus.RECONCILING)
    await change
    expect(recorder.types()).toEqual([ProviderEvents.Reconciling, ProviderEvents.ContextChanged])
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(client.getNumberValue('max_items', 0)).toBe(100)
  })

  it('drops a trait the new context no longer has, and returns to environment flags without targetingKey', async () => {
    const { domain, client } = await setUp({}, { targetingKey: 'user-6', plan: 'pro' })
    expect(client.getNumberValue('max_items', 0)).toBe(100)
    await OpenFeature.setContext(domain, { targetingKey: 'user-6' })
    expect(client.getNumberValue('max_items', 0)).toBe(25)
    await OpenFeature.setContext(domain, { targetingKey: 'vip-1' })
    expect(client.getStringValue('banner_text', '')).toBe('Welcome back, VIP')
    await OpenFeature.setContext(domain, {})
    expect(client.getStringValue('banner_text', '')).toBe('Hello')
  })

  it('reconciles nothing when the new context maps to the same identity and traits', async () => {
    const { domain, recorder } = await setUp({}, { targetingKey: 'user-7', plan: 'pro' })
    recorder.clear()
    await OpenFeature.setContext(domain, { targetingKey: 'user-7', traits: { plan: 'pro' } })
    expect(recorder.types()).toEqual([ProviderEvents.ContextChanged])
  })

  it('fails the context change with ERROR when the new identity cannot be loaded, and recovers by itself', async () => {
    const { domain, client, recorder } = await setUp({ pollingIntervalMs: 50 })
    await proxy().stop()
    await OpenFeature.setContext(domain, { targetingKey: 'user-8', plan: 'pro' })
    expect(client.providerStatus).toBe(ProviderStatus.ERROR)
    expect(recorder.types()).toContain(ProviderEvents.Error)
    // The identity's flags could not be fetched, so its defaults (none) are served, not the previous identity's.
    expect(client.getNumberDetails('max_items', 1)).toMatchObject({ value: 1, errorCode: 'FLAG_NOT_FOUND' })
    recorder.clear()
    await proxy().restart()
    await recorder.next(ProviderEvents.Ready)
    expect(client.providerStatus).toBe(ProviderStatus.READY)
    expect(client.getNumberValue('max_items', 0)).toBe(100)
  })
})
