import { compileEnvironment, contextFromEnvironment, VexilError } from '@vexil/core-engine'
import { describe, expect, it } from 'vitest'

/** A small valid document touching every part that compiling reads. */
function validDocument() {
  const featureState = (id: number, name: string) => ({
    django_id: id,
    featurestate_uuid: `uuid-${id}`,
    enabled: true,
    feature_state_value: 'on',
    feature: { id, name, type: 'MULTIVARIATE' },
    feature_segment: null,
    multivariate_feature_state_values: [
      {
        id: 1,
        mv_fs_value_uuid: 'mv-1',
        percentage_allocation: 50,
        multivariate_feature_option: { id: 7, value: 'a' },
      },
    ],
  })
  return {
    id: 1,
    api_key: 'env-key',
    name: 'Production',
    updated_at: '2026-01-02T03:04:05Z',
    feature_states: [featureState(1, 'banner')],
    project: {
      hide_disabled_flags: false,
      segments: [
        {
          id: 5,
          name: 'pro',
          rules: [
            {
              type: 'ALL',
              conditions: [{ operator: 'EQUAL', property_: 'plan', value: 'pro' }],
              rules: [{ type: 'ANY', conditions: [{ operator: 'IS_SET', property_: 'age', value: null }] }],
            },
          ],
          feature_states: [{ ...featureState(1, 'banner'), feature_segment: { priority: 1 } }],
        },
      ],
    },
    identity_overrides: [{ identifier: 'user-1', identity_features: [featureState(1, 'banner')] }],
  }
}

type Document = ReturnType<typeof validDocument>
type Loose = Record<string, unknown>

const state = (document: Document) => document.feature_states[0] as unknown as Loose
const variant = (document: Document) => state(document).multivariate_feature_state_values as Loose[]
const segment = (document: Document) => document.project.segments[0] as unknown as Loose
const rule = (document: Document) => document.project.segments[0]!.rules[0] as unknown as Loose
const condition = (document: Document) => rule(document).conditions as Loose[]
const identity = (document: Document) => document.identity_overrides[0] as unknown as Loose

/** A rule nested `levels` deep under a segment (the segment's own rules are level 1). */
function nestedRule(levels: number): Loose {
  let nested: Loose = { type: 'ALL', conditions: [] }
  for (let level = 1; level < levels; level++) nested = { type: 'ALL', rules: [nested] }
  return nested
}

// Each case breaks one thing in a valid document and names the message compiling must give.
const cases: [string, (document: Document) => void][] = [
  ['api_key: expected a string', (d) => Object.assign(d, { api_key: 3 })],
  ['name: expected a string or null', (d) => Object.assign(d, { name: 3 })],
  ['updated_at: expected a string or null', (d) => Object.assign(d, { updated_at: 1 })],
  ['feature_states: expected an array', (d) => Object.assign(d, { feature_states: undefined })],
  ['feature_states[0]: expected an object', (d) => Object.assign(d, { feature_states: [[]] })],
  ['feature_states[0].feature: expected an object', (d) => Object.assign(state(d), { feature: 'banner' })],
  ['feature_states[0].feature.name: expected a string', (d) => Object.assign(state(d).feature as Loose, { name: 1 })],
  [
    'feature_states[0].feature.id: expected a number or null',
    (d) => Object.assign(state(d).feature as Loose, { id: '1' }),
  ],
  [
    'feature_states[0].feature.id: expected a finite number',
    (d) => Object.assign(state(d).feature as Loose, { id: Number.NaN }),
  ],
  ['feature_states[0].enabled: expected a boolean', (d) => Object.assign(state(d), { enabled: 'yes' })],
  [
    'feature_states[0].feature_state_value: expected a string, number, boolean or null',
    (d) => Object.assign(state(d), { feature_state_value: { nested: true } }),
  ],
  ['feature_states[0].id: expected a number or null', (d) => Object.assign(state(d), { id: '1' })],
  ['feature_states[0].django_id: expected a finite number', (d) => Object.assign(state(d), { django_id: Infinity })],
  [
    'feature_states[0].featurestate_uuid: expected a string or null',
    (d) => Object.assign(state(d), { featurestate_uuid: 1 }),
  ],
  ['feature_states[0].feature_segment: expected an object', (d) => Object.assign(state(d), { feature_segment: 1 })],
  [
    'feature_states[0].feature_segment.priority: expected a number or null',
    (d) => Object.assign(state(d), { feature_segment: { priority: 'high' } }),
  ],
  [
    'feature_states[0].multivariate_feature_state_values: expected an array',
    (d) => Object.assign(state(d), { multivariate_feature_state_values: {} }),
  ],
  [
    'feature_states[0].multivariate_feature_state_values[0]: expected an object',
    (d) => Object.assign(state(d), { multivariate_feature_state_values: [null] }),
  ],
  [
    'feature_states[0].multivariate_feature_state_values[0].percentage_allocation: expected a number',
    (d) => Object.assign(variant(d)[0]!, { percentage_allocation: '50' }),
  ],
  [
    'feature_states[0].multivariate_feature_state_values[0].id: expected a number or null',
    (d) => Object.assign(variant(d)[0]!, { id: '1' }),
  ],
  [
    'feature_states[0].multivariate_feature_state_values[0].mv_fs_value_uuid: expected a string or null',
    (d) => Object.assign(variant(d)[0]!, { mv_fs_value_uuid: 1 }),
  ],
  [
    'feature_states[0].multivariate_feature_state_values[0].multivariate_feature_option: expected an object',
    (d) => Object.assign(variant(d)[0]!, { multivariate_feature_option: 'a' }),
  ],
  [
    'feature_states[0].multivariate_feature_state_values[0].multivariate_feature_option.value: expected a string, number, boolean or null',
    (d) => Object.assign(variant(d)[0]!, { multivariate_feature_option: { value: [1] } }),
  ],
  ['project: expected an object', (d) => Object.assign(d, { project: [] })],
  [
    'project.hide_disabled_flags: expected a boolean or null',
    (d) => Object.assign(d.project, { hide_disabled_flags: 1 }),
  ],
  ['project.segments: expected an array', (d) => Object.assign(d.project, { segments: {} })],
  ['project.segments[0]: expected an object', (d) => Object.assign(d.project, { segments: ['pro'] })],
  ['project.segments[0].id: expected a number', (d) => Object.assign(segment(d), { id: null })],
  ['project.segments[0].name: expected a string', (d) => Object.assign(segment(d), { name: undefined })],
  ['project.segments[0].rules: expected an array', (d) => Object.assign(segment(d), { rules: undefined })],
  ['project.segments[0].rules[0]: expected an object', (d) => Object.assign(segment(d), { rules: [1] })],
  [
    'project.segments[0].rules[0].type: expected "ALL", "ANY" or "NONE"',
    (d) => Object.assign(rule(d), { type: 'all' }),
  ],
  ['project.segments[0].rules[0].conditions: expected an array', (d) => Object.assign(rule(d), { conditions: 'x' })],
  [
    'project.segments[0].rules[0].conditions[0]: expected an object',
    (d) => Object.assign(rule(d), { conditions: [7] }),
  ],
  [
    'project.segments[0].rules[0].conditions[0].operator: expected a string',
    (d) => Object.assign(condition(d)[0]!, { operator: undefined }),
  ],
  [
    'project.segments[0].rules[0].conditions[0].property_: expected a string or null',
    (d) => Object.assign(condition(d)[0]!, { property_: 1 }),
  ],
  ['project.segments[0].rules[0].rules: expected an array', (d) => Object.assign(rule(d), { rules: 1 })],
  [
    'project.segments[0].rules[0].rules[0].conditions[0].operator: expected a string',
    (d) => Object.assign((rule(d).rules as Loose[])[0]!, { conditions: [{ property_: 'age' }] }),
  ],
  [
    `project.segments[0].rules[0]${'.rules[0]'.repeat(32)}: rules nested deeper than 32 levels`,
    (d) => Object.assign(segment(d), { rules: [nestedRule(34)] }),
  ],
  [
    'project.segments[0].feature_states[0].enabled: expected a boolean',
    (d) => Object.assign((segment(d).feature_states as Loose[])[0]!, { enabled: null }),
  ],
  ['identity_overrides: expected an array', (d) => Object.assign(d, { identity_overrides: 'user-1' })],
  ['identity_overrides[0]: expected an object', (d) => Object.assign(d, { identity_overrides: [null] })],
  ['identity_overrides[0].identifier: expected a string', (d) => Object.assign(identity(d), { identifier: 1 })],
  [
    'identity_overrides[0].identity_features: expected an array',
    (d) => Object.assign(identity(d), { identity_features: {} }),
  ],
  [
    'identity_overrides[1].identity_features[0].feature.name: expected a string',
    (d) =>
      d.identity_overrides.push({
        identifier: 'user-1',
        identity_features: [{ ...d.feature_states[0]!, feature: { id: 1, name: null as unknown as string, type: '' } }],
      }),
  ],
]

describe('compiling an invalid document', () => {
  it('accepts the valid document every case starts from', () => {
    expect(compileEnvironment(validDocument()).featureNames).toEqual(['banner'])
  })

  it.each(cases)('rejects it with "%s"', (message, breakIt) => {
    const document = validDocument()
    breakIt(document)
    expect(() => compileEnvironment(document)).toThrowError(
      expect.objectContaining({ name: 'VexilError', code: 'INVALID_DOCUMENT', message }),
    )
  })

  it('names the first problem in document order', () => {
    const document = validDocument()
    Object.assign(document, { api_key: 1 })
    Object.assign(document.project, { segments: 1 })
    expect(() => compileEnvironment(document)).toThrow('api_key: expected a string')
  })

  it('rejects the same documents when mapping them to a context', () => {
    const document = validDocument()
    Object.assign(state(document), { enabled: 'yes' })
    expect(() => contextFromEnvironment(document as never)).toThrow(VexilError)
  })
})
