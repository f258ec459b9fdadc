import { describe, expect, it } from 'vitest'
import { parseApiFlags, toApiFlags } from '../src/api-flags'

const apiFlags = [
  {
    id: 1,
    feature: { id: 7, name: 'banner', type: 'STANDARD' },
    feature_state_value: 'blue',
    enabled: true,
    environment: 1,
    identity: null,
    feature_segment: null,
  },
  { feature: { id: 8, name: 'limit' }, feature_state_value: 10, enabled: false },
]

describe('parseApiFlags', () => {
  it('reads name, enabled, value and feature id of every flag state', () => {
    const result = parseApiFlags(apiFlags)
    expect(result).toEqual({
      ok: true,
      value: {
        banner: { name: 'banner', enabled: true, value: 'blue', metadata: { id: 7 } },
        limit: { name: 'limit', enabled: false, value: 10, metadata: { id: 8 } },
      },
    })
  })

  it('treats a missing value as null', () => {
    const result = parseApiFlags([{ feature: { id: 1, name: 'x' }, enabled: true }])
    expect(result.ok && result.value.x?.value).toBeNull()
  })

  it('keeps a feature named __proto__ as an ordinary flag', () => {
    const result = parseApiFlags([{ feature: { id: 1, name: '__proto__' }, enabled: true, feature_state_value: 1 }])
    expect(result.ok).toBe(true)
    if (result.ok) expect(Object.keys(result.value)).toEqual(['__proto__'])
  })

  it.each([
    [{ flags: [] }, '$: expected an array of flags'],
    [[null], '$[0]: expected an object'],
    [[{ feature: { name: 3 }, enabled: true }], '$[0].feature.name: expected a string'],
    [[{ feature: { name: 'a' }, enabled: 'yes' }], '$[0].enabled: expected a boolean'],
    [[{ feature: { name: 'a' }, enabled: true, feature_state_value: {} }], '$[0].feature_state_value: expected'],
  ])('rejects %j with the path of the problem', (json, message) => {
    const result = parseApiFlags(json)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_RESPONSE')
      expect(result.error.message).toContain(message)
    }
  })
})

describe('toApiFlags', () => {
  it('round-trips through parseApiFlags', () => {
    const parsed = parseApiFlags(apiFlags)
    if (!parsed.ok) throw parsed.error
    expect(parseApiFlags(toApiFlags(parsed.value))).toEqual(parsed)
  })

  it('marks flags with a variant as multivariate and echoes the environment id', () => {
    const [flag] = toApiFlags(
      { mv: { name: 'mv', enabled: true, value: 'a', reason: 'SPLIT; weight=50', variant: 'a', metadata: { id: 3 } } },
      { environmentId: 12 },
    )
    expect(flag).toEqual({
      feature: { id: 3, name: 'mv', type: 'MULTIVARIATE' },
      feature_state_value: 'a',
      enabled: true,
      environment: 12,
      identity: null,
      feature_segment: null,
    })
  })

  it("reports the feature's type from featureTypes even when no variant applied", () => {
    const flags = {
      mv: { name: 'mv', enabled: true, value: 'control', reason: 'DEFAULT' },
      plain: { name: 'plain', enabled: true, value: null, reason: 'DEFAULT' },
    }
    const featureTypes = new Map([['mv', 'MULTIVARIATE']])
    expect(toApiFlags(flags, { featureTypes }).map((flag) => flag.feature.type)).toEqual(['MULTIVARIATE', 'STANDARD'])
    expect(toApiFlags(flags).map((flag) => flag.feature.type)).toEqual(['STANDARD', 'STANDARD'])
  })

  it('falls back to the variant for a feature that featureTypes does not name', () => {
    const flag = { name: 'mv', enabled: true, value: 'a', reason: 'SPLIT; weight=50', variant: 'a' }
    const [rendered] = toApiFlags({ mv: flag }, { featureTypes: new Map([['other', 'STANDARD']]) })
    expect(rendered?.feature.type).toBe('MULTIVARIATE')
  })
})
