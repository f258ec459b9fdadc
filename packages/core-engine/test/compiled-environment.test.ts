import {
  compileEnvironment,
  contextFromEnvironment,
  type EnvironmentDocument,
  evaluate,
  type Traits,
} from '@vexil/core-engine'
import { describe, expect, it } from 'vitest'
import { generateDocument, generateIdentities } from './support/generate-document'

const seeds = [11, 12, 13, 14]

describe('compileEnvironment agrees with evaluate on the mapped context', { timeout: 60_000 }, () => {
  for (const seed of seeds) {
    it(`gives identical results for 300 identities (seed ${seed})`, () => {
      const document = generateDocument({ seed, features: 60, segments: 20, identityOverrides: 30, identityCount: 300 })
      const environment = compileEnvironment(structuredClone(document))
      for (const { identifier, traits } of generateIdentities({ seed, count: 300 })) {
        const expected = evaluate(contextFromEnvironment(document, { identifier, traits }))
        const actual = environment.getIdentityFlags(identifier, traits)
        expect(actual, `seed ${seed}, identity ${identifier}`).toEqual(expected)
        for (const name of environment.featureNames.slice(0, 10)) {
          expect(environment.getIdentityFlag(name, identifier, traits)).toBe(actual.flags[name])
        }
        const segments = expected.segments.filter((segment) => segment.metadata?.source === 'api')
        expect(environment.getIdentitySegments(identifier, traits)).toEqual(segments)
      }
      expect(environment.getEnvironmentFlags()).toEqual(evaluate(contextFromEnvironment(document)))
    })
  }
})

// Identities' flags start from a prepared template up to 1,000 features, and are built one by one past that.
describe('identity flags on both sides of the template size', { timeout: 60_000 }, () => {
  for (const features of [1000, 1001]) {
    it(`agree with evaluate on ${features} features, in document order`, () => {
      const document = generateDocument({ seed: 21, features, segments: 30, identityOverrides: 10, identityCount: 40 })
      const environment = compileEnvironment(structuredClone(document))
      for (const { identifier, traits } of generateIdentities({ seed: 21, count: 40 })) {
        const actual = environment.getIdentityFlags(identifier, traits)
        expect(actual, identifier).toEqual(evaluate(contextFromEnvironment(document, { identifier, traits })))
        expect(Object.keys(actual.flags)).toEqual(environment.featureNames)
      }
    })
  }
})

function documentWith(overrides: Record<string, unknown> = {}) {
  return {
    api_key: 'env-key',
    name: 'Production',
    feature_states: [
      {
        django_id: 1,
        enabled: true,
        feature_state_value: 'default',
        feature: { id: 10, name: 'banner', type: 'STANDARD' },
      },
      {
        django_id: 2,
        enabled: false,
        feature_state_value: null,
        feature: { id: 11, name: 'hidden_when_disabled', type: 'STANDARD' },
      },
    ],
    project: {
      hide_disabled_flags: false,
      segments: [
        {
          id: 5,
          name: 'pro_users',
          rules: [{ type: 'ALL', conditions: [{ operator: 'EQUAL', property_: 'plan', value: 'pro' }] }],
          feature_states: [
            {
              django_id: 3,
              enabled: true,
              feature_state_value: 'pro',
              feature: { id: 10, name: 'banner' },
              feature_segment: { priority: 0 },
            },
          ],
        },
      ],
    },
    identity_overrides: [
      {
        identifier: 'vip',
        identity_features: [
          { django_id: 4, enabled: true, feature_state_value: 'vip', feature: { id: 10, name: 'banner' } },
        ],
      },
    ],
    ...overrides,
  }
}

describe('compiled environment', () => {
  it('applies identity overrides before segment overrides', () => {
    const environment = compileEnvironment(documentWith())
    expect(environment.getIdentityFlags('vip', { plan: 'pro' }).flags.banner).toMatchObject({
      value: 'vip',
      reason: 'TARGETING_MATCH; segment=identity_overrides',
    })
    expect(environment.getIdentityFlags('someone', { plan: 'pro' }).flags.banner).toMatchObject({
      value: 'pro',
      reason: 'TARGETING_MATCH; segment=pro_users',
    })
    expect(environment.getIdentitySegments('vip', { plan: 'pro' })).toEqual([
      { name: 'pro_users', metadata: { source: 'api', id: 5 } },
    ])
  })

  // Compiling reorders conditions cheapest first, with a sort of its own for short lists and Array#sort for long ones.
  for (const count of [5, 20]) {
    it(`keeps all ${count} conditions of a rule when it reorders them`, () => {
      const operators = ['PERCENTAGE_SPLIT', 'REGEX', 'EQUAL']
      const conditions = Array.from({ length: count }, (_, i) => {
        const operator = operators[i % operators.length]
        if (operator === 'PERCENTAGE_SPLIT') return { operator, value: '100' }
        return { operator, property_: `t${i}`, value: operator === 'REGEX' ? '^yes$' : 'yes' }
      })
      const segments = [{ id: 7, name: 'every_condition', rules: [{ type: 'ALL', conditions }] }]
      const environment = compileEnvironment(documentWith({ project: { segments } }))
      const traits: Traits = {}
      conditions.forEach((c, i) => {
        if (c.property_) traits[`t${i}`] = 'yes'
      })
      expect(environment.getIdentitySegments('someone', traits).map((s) => s.name)).toEqual(['every_condition'])
      for (const name of Object.keys(traits)) {
        const missingOne = { ...traits, [name]: 'no' }
        expect(environment.getIdentitySegments('someone', missingOne), `without ${name}`).toEqual([])
      }
    })
  }

  it('splits multivariate flags as evaluate does, settled weights included, keeping flags in document order', () => {
    const variant = (id: number, value: string, percentage_allocation: number) => ({
      id,
      percentage_allocation,
      multivariate_feature_option: { id, value },
    })
    const multivariate = (id: number, name: string, variants: unknown[]) => ({
      django_id: id,
      enabled: true,
      feature_state_value: 'control',
      feature: { id, name, type: 'MULTIVARIATE' },
      multivariate_feature_state_values: variants,
    })
    const document = documentWith()
    document.feature_states = [
      multivariate(20, 'all_to_one', [variant(1, 'one', 100)]),
      ...document.feature_states,
      multivariate(21, 'none_allocated', [variant(2, 'never', 0), variant(3, 'nor', 0)]),
      multivariate(22, 'thirds', [variant(4, 'a', 33.3), variant(5, 'b', 33.3), variant(6, 'c', 33.4)]),
      multivariate(23, 'half', [variant(7, 'on', 50)]),
    ] as typeof document.feature_states
    const environment = compileEnvironment(structuredClone(document))
    const mapped = document as unknown as EnvironmentDocument
    const seen = new Set<unknown>()
    for (let i = 0; i < 400; i++) {
      const identifier = `user-${i}`
      const actual = environment.getIdentityFlags(identifier)
      expect(actual, identifier).toEqual(evaluate(contextFromEnvironment(mapped, { identifier })))
      expect(Object.keys(actual.flags)).toEqual(environment.featureNames)
      expect(actual.flags.all_to_one?.value).toBe('one')
      expect(actual.flags.none_allocated?.variant).toBe('control')
      seen.add(actual.flags.thirds?.value)
      seen.add(actual.flags.half?.value)
    }
    expect(seen).toEqual(new Set(['a', 'b', 'c', 'on', 'control']))
  })

  it("gives each identity a dictionary of its own, whatever the features' names", () => {
    const names = ['toString', '__proto__', 'constructor', 'plain', 'hasOwnProperty']
    const document = documentWith()
    document.feature_states = names.map((name, i) => ({
      django_id: 100 + i,
      enabled: true,
      feature_state_value: name,
      feature: { id: 100 + i, name, type: 'STANDARD' },
    }))
    const environment = compileEnvironment(structuredClone(document))
    const first = environment.getIdentityFlags('someone')
    expect(Object.getPrototypeOf(first.flags)).toBeNull()
    expect(Object.keys(first.flags)).toEqual(names)
    for (const name of names) expect(first.flags[name]?.value).toBe(name)
    // A caller changing one result changes no other.
    const changed: string = 'constructor'
    first.flags[changed] = first.flags.plain!
    delete first.flags.plain
    const second = environment.getIdentityFlags('someone')
    expect(Object.keys(second.flags)).toEqual(names)
    expect(second.flags[changed]?.value).toBe('constructor')
    const mapped = document as unknown as EnvironmentDocument
    expect(second).toEqual(evaluate(contextFromEnvironment(mapped, { identifier: 'someone' })))
  })

  it('omits disabled flags when the project hides them', () => {
    const document = documentWith()
    document.project.hide_disabled_flags = true
    const environment = compileEnvironment(document)
    expect(Object.keys(environment.getEnvironmentFlags().flags)).toEqual(['banner'])
    expect(environment.getIdentityFlag('hidden_when_disabled', 'someone')).toBeUndefined()
  })

  it('returns the same frozen object for a flag that does not depend on the identity', () => {
    const environment = compileEnvironment(documentWith())
    const first = environment.getIdentityFlags('a').flags.banner
    expect(environment.getIdentityFlags('b').flags.banner).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
  })

  it('exposes key, name, feature names and updated_at', () => {
    const environment = compileEnvironment(documentWith({ updated_at: '2026-01-02T03:04:05.500Z' }))
    expect(environment).toMatchObject({ key: 'env-key', name: 'Production', updatedAt: 1767323045.5 })
    expect(environment.featureNames).toEqual(['banner', 'hidden_when_disabled'])
  })

  it.each([
    [{ api_key: 3 }, 'api_key: expected a string'],
    [{ feature_states: {} }, 'feature_states: expected an array'],
    [{ project: null }, 'project: expected an object'],
    [
      { identity_overrides: [{ identifier: 'x', identity_features: [{ enabled: true }] }] },
      'identity_overrides[0].identity_features[0].feature: expected an object',
    ],
    [
      {
        project: {
          segments: [
            { id: 1, name: 's', rules: [] },
            { id: 2, rules: [] },
          ],
        },
      },
      'project.segments[1].name: expected a string',
    ],
  ])('rejects a bad document with the JSON path of the problem (%j)', (overrides, message) => {
    expect(() => compileEnvironment(documentWith(overrides))).toThrow(message)
  })

  it('names the path of a problem deep inside the document', () => {
    const document = documentWith()
    ;(document.feature_states[1]!.feature as { name: unknown }).name = 42
    expect(() => compileEnvironment(document)).toThrowError(
      expect.objectContaining({
        name: 'VexilError',
        code: 'INVALID_DOCUMENT',
        message: 'feature_states[1].feature.name: expected a string',
      }),
    )
    const nested = documentWith()
    ;(nested.project.segments[0]!.rules[0]! as { type: string }).type = 'SOME'
    expect(() => compileEnvironment(nested)).toThrow(
      'project.segments[0].rules[0].type: expected "ALL", "ANY" or "NONE"',
    )
    expect(() => compileEnvironment('not a document')).toThrow('$: expected an object')
  })

  it('never throws on traits of any shape', () => {
    const environment = compileEnvironment(documentWith())
    const odd = [null, undefined, 42, 'text', [], { plan: { nested: true } }, { plan: [1, 2] }] as unknown as Traits[]
    for (const traits of odd) expect(() => environment.getIdentityFlags('someone', traits)).not.toThrow()
    const throwing = Object.defineProperty({}, 'plan', {
      enumerable: true,
      get: () => {
        throw new Error('boom')
      },
    })
    expect(environment.getIdentityFlags('someone', throwing as Traits).flags.banner?.value).toBe('default')
  })
})
