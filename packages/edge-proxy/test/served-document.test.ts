import { readFile, writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EdgeProxy } from '../src/index'
import { CLIENT_KEY, copyFixture, FIXTURE_PATH, startProxy } from './fixture-proxy'

type ApiFlagJson = { feature: { name: string; type: string }; feature_state_value: unknown }
const byName = (flags: ApiFlagJson[]) => Object.fromEntries(flags.map((flag) => [flag.feature.name, flag]))

let proxy: EdgeProxy
let removeFixture: () => Promise<void>
beforeAll(async () => {
  const fixture = await copyFixture()
  removeFixture = fixture.remove
  // checkout_flow is multivariate; vip-user's override gives it a plain value, without a variant.
  const document = JSON.parse(await readFile(FIXTURE_PATH, 'utf8'))
  document.identity_overrides[0].identity_features.push({
    enabled: true,
    feature: { id: 104, name: 'checkout_flow', type: 'MULTIVARIATE' },
    feature_state_value: 'wizard',
    multivariate_feature_state_values: [],
  })
  await writeFile(fixture.path, JSON.stringify(document))
  proxy = await startProxy({ document: fixture.path })
})
afterAll(async () => {
  await proxy?.close()
  await removeFixture?.()
})

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${proxy.apiUrl}${path}`, {
    ...init,
    headers: { 'X-Environment-Key': CLIENT_KEY, 'Content-Type': 'application/json' },
  })

describe('feature types in flag states', () => {
  it('reports a multivariate feature as MULTIVARIATE in environment flags, where no variant applies', async () => {
    const flags = byName((await (await call('flags/')).json()) as ApiFlagJson[])
    expect(flags.checkout_flow).toMatchObject({ feature: { type: 'MULTIVARIATE' }, feature_state_value: 'classic' })
    expect(flags.banner_text?.feature.type).toBe('STANDARD')
    const one = (await (await call('flags/?feature=checkout_flow')).json()) as ApiFlagJson
    expect(one.feature.type).toBe('MULTIVARIATE')
  })

  it('reports a multivariate feature as MULTIVARIATE for an identity whose override has no variant', async () => {
    const response = await call('identities/', { method: 'POST', body: JSON.stringify({ identifier: 'vip-user' }) })
    const flags = byName(((await response.json()) as { flags: ApiFlagJson[] }).flags)
    expect(flags.checkout_flow).toMatchObject({ feature: { type: 'MULTIVARIATE' }, feature_state_value: 'wizard' })
    expect(flags.banner_text).toMatchObject({ feature: { type: 'STANDARD' }, feature_state_value: 'Hello, VIP' })
  })
})
