import { compileEnvironment, type Traits } from '@vexil/core-engine'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conditionOperators, generateDocument } from './support/generate-document'

const traitValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.stringMatching(/^-?[0-9]{1,30}(\.[0-9]{1,5})?$/),
  fc.constantFrom('1.2.3', '1.0.0-beta.1', 'True', 'false', '__proto__'),
)
const traitKey = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'plan', 'age', '$.x'))
const traits = fc.dictionary(traitKey, traitValue, { maxKeys: 8 }) as fc.Arbitrary<Traits>
const operator = fc.oneof(fc.constantFrom(...conditionOperators), fc.string())
const conditionValue = fc.oneof(fc.string(), fc.jsonValue(), fc.stringMatching(/^[0-9.]+\|[0-9.]+$/))
const property = fc.oneof(
  fc.string(),
  fc.constantFrom('', '$.identity.identifier', '$.environment.name', "$.identity.traits['a b']", '$.', '$[0]'),
)

const rule: fc.Memo<unknown> = fc.memo((depth) =>
  fc.record({
    type: fc.constantFrom('ALL', 'ANY', 'NONE'),
    conditions: fc.array(fc.record({ operator, property_: property, value: conditionValue }), { maxLength: 3 }),
    rules: depth > 1 ? fc.array(rule(depth - 1), { maxLength: 2 }) : fc.constant([]),
  }),
)

const randomDocument = fc.record({
  api_key: fc.string(),
  feature_states: fc.array(
    fc.record({
      django_id: fc.nat(),
      enabled: fc.boolean(),
      feature_state_value: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
      feature: fc.record({ id: fc.nat(), name: fc.constantFrom('a', 'b', 'c', '__proto__') }),
      multivariate_feature_state_values: fc.array(
        fc.record({
          id: fc.nat(),
          percentage_allocation: fc.double({ min: 0, max: 100, noNaN: true }),
          multivariate_feature_option: fc.record({ value: fc.string() }),
        }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 4 },
  ),
  project: fc.record({
    hide_disabled_flags: fc.boolean(),
    segments: fc.array(
      fc.record({
        id: fc.nat(),
        name: fc.string(),
        rules: fc.array(rule(3), { maxLength: 2 }),
        feature_states: fc.array(
          fc.record({
            django_id: fc.nat(),
            enabled: fc.boolean(),
            feature_state_value: fc.string(),
            feature: fc.record({ id: fc.nat(), name: fc.constantFrom('a', 'b', 'c') }),
            feature_segment: fc.record({ priority: fc.integer() }),
          }),
          { maxLength: 2 },
        ),
      }),
      { maxLength: 4 },
    ),
  }),
})

describe('evaluation never throws', () => {
  it('on random documents that compile, with random identities and traits', () => {
    fc.assert(
      fc.property(randomDocument, fc.string(), traits, (document, identifier, identityTraits) => {
        const environment = compileEnvironment(document)
        const result = environment.getIdentityFlags(identifier, identityTraits)
        environment.getIdentitySegments(identifier, identityTraits)
        environment.getEnvironmentFlags()
        for (const name of environment.featureNames) environment.getIdentityFlag(name, identifier, identityTraits)
        expect(Object.keys(result.flags).length).toBeLessThanOrEqual(environment.featureNames.length)
      }),
      { numRuns: 300 },
    )
  })

  it('on generated realistic documents with random traits', () => {
    const environment = compileEnvironment(generateDocument({ seed: 99, features: 50, segments: 20 }))
    fc.assert(
      fc.property(fc.string(), traits, (identifier, identityTraits) => {
        expect(environment.getIdentityFlags(identifier, identityTraits).flags).toBeDefined()
      }),
      { numRuns: 500 },
    )
  })
})
