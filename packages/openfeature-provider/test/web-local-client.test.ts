// @vitest-environment jsdom
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { OpenFeature, ProviderEvents } from '@openfeature/web-sdk'
import { createLocalClient, type LocalClient } from '@vexil/browser-sdk/local'
import { VexilWebProvider } from '@vexil/openfeature-provider/web'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordEvents } from './support/record-events'

const FIXTURE_PATH = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'environment.json')

interface FixtureDocument {
  feature_states: { feature: { name: string }; feature_state_value: unknown }[]
}

let document: FixtureDocument
let vexil: LocalClient

beforeEach(async () => {
  document = JSON.parse(await readFile(FIXTURE_PATH, 'utf8'))
  vexil = createLocalClient({ document, logger: { warn() {} } })
})

afterEach(async () => {
  await OpenFeature.clearProviders()
  vexil.close()
})

async function setUp() {
  const domain = 'local-client'
  const client = OpenFeature.getClient(domain)
  const recorder = recordEvents(client, Object.values(ProviderEvents))
  await OpenFeature.setProviderAndWait(domain, new VexilWebProvider({ client: vexil }))
  return { domain, client, recorder }
}

describe('VexilWebProvider on a browser-sdk client evaluating in the page', () => {
  it("reports the engine's reasons and matched segments", async () => {
    const { domain, client } = await setUp()
    expect(client.getStringDetails('banner_text', '')).toMatchObject({ value: 'Hello', reason: 'STATIC' })
    await OpenFeature.setContext(domain, { targetingKey: 'user-1', plan: 'pro' })
    expect(client.getNumberDetails('max_items', 0)).toMatchObject({
      value: 100,
      reason: 'TARGETING_MATCH',
      flagMetadata: { featureId: 3, segment: 'pro_plan' },
    })
    expect(client.getStringDetails('banner_text', '')).toMatchObject({ value: 'Hello', reason: 'DEFAULT' })
    expect(client.getStringDetails('checkout_colour', 'red')).toMatchObject({ value: 'blue', reason: 'SPLIT' })
    await OpenFeature.setContext(domain, { targetingKey: 'vip-1' })
    expect(client.getStringDetails('banner_text', '')).toMatchObject({
      value: 'Welcome back, VIP',
      reason: 'TARGETING_MATCH',
      flagMetadata: { segment: 'identity_overrides' },
    })
  })

  it('emits CONFIGURATION_CHANGED with the changed flags when the page evaluates a newer document', async () => {
    const { client, recorder } = await setUp()
    recorder.clear()
    const banner = document.feature_states.find((state) => state.feature.name === 'banner_text')
    if (!banner) throw new Error('the fixture has no banner_text')
    banner.feature_state_value = 'Hello from a new document'
    expect(vexil.setDocument(document)).toBe(true)
    const event = await recorder.next(ProviderEvents.ConfigurationChanged)
    expect(event.details?.flagsChanged).toEqual(['banner_text'])
    expect(client.getStringValue('banner_text', '')).toBe('Hello from a new document')
  })
})
