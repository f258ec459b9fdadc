import { compileEnvironment, type EvaluationContext, evaluate, type Traits } from '@vexil/core-engine'
import { describe, expect, it } from 'vitest'
import { conditionOperators } from './support/generate-document'

function contextWith(
  condition: { property: string; operator: string; value: unknown },
  traits: Traits,
): EvaluationContext {
  return {
    environment: { key: 'env', name: 'Production' },
    identity: { identifier: 'user-1', traits },
    features: { flag: { key: '1', name: 'flag', enabled: false, value: 'off' } },
    segments: {
      '1': {
        key: '1',
        name: 'segment',
        rules: [{ type: 'ALL', conditions: [condition as never] }],
        overrides: [{ key: '2', name: 'flag', enabled: true, value: 'on', priority: 0 }],
      },
    },
  }
}

const matches = (condition: { property: string; operator: string; value: unknown }, traits: Traits) =>
  evaluate(contextWith(condition, traits)).segments.length === 1

describe('REGEX conditions', () => {
  it('answers a catastrophic pattern on a 40-character non-matching value (linear-time matching)', () => {
    // A backtracking engine takes about 2^40 steps here; the test runner's timeout fails the test if it hangs.
    const value = `${'a'.repeat(40)}!`
    expect(matches({ property: 'name', operator: 'REGEX', value: '^(a+)+$' }, { name: value })).toBe(false)
    expect(matches({ property: 'name', operator: 'REGEX', value: '(x+x+)+y' }, { name: 'x'.repeat(5000) })).toBe(false)
  })

  it("anchors at the start of the value like Python's re.match", () => {
    expect(matches({ property: 'email', operator: 'REGEX', value: '[a-z]+@' }, { email: 'ada@example.com' })).toBe(true)
    expect(matches({ property: 'email', operator: 'REGEX', value: 'example' }, { email: 'ada@example.com' })).toBe(
      false,
    )
    expect(matches({ property: 'email', operator: 'REGEX', value: '.*example' }, { email: 'ada@example.com' })).toBe(
      true,
    )
  })

  it('stays prompt on patterns that backtrack polynomially, by running them on RE2', () => {
    const value = 'a'.repeat(20_000)
    expect(matches({ property: 'name', operator: 'REGEX', value: '.*a.*a.*b' }, { name: value })).toBe(false)
    expect(matches({ property: 'name', operator: 'REGEX', value: '(?:a|aa){2,}b' }, { name: value })).toBe(false)
  })

  it('supports lookaround where it cannot backtrack catastrophically, as Python does', () => {
    const notTest = { property: 'email', operator: 'REGEX', value: '(?!test).*@acme\\.io$' }
    expect(matches(notTest, { email: 'ada@acme.io' })).toBe(true)
    expect(matches(notTest, { email: 'test@acme.io' })).toBe(false)
  })

  it('never matches a pattern it cannot run safely (backreferences, broken syntax)', () => {
    for (const pattern of ['(a)\\1', '(unclosed', 'a)(b', '(?=a+)(a+)+$']) {
      expect(matches({ property: 'name', operator: 'REGEX', value: pattern }, { name: 'aa' })).toBe(false)
    }
  })
})

describe('trait names that are Object.prototype members', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`treats "${name}" as an ordinary trait`, () => {
      const traits = JSON.parse(`{"${name}": "yes"}`) as Traits
      expect(matches({ property: name, operator: 'EQUAL', value: 'yes' }, traits)).toBe(true)
      expect(matches({ property: name, operator: 'IS_SET', value: null }, {})).toBe(false)
      expect(matches({ property: name, operator: 'IS_NOT_SET', value: null }, {})).toBe(true)
      expect(matches({ property: `$.identity.traits.${name}`, operator: 'IS_SET', value: null }, {})).toBe(false)
      expect(({} as Record<string, unknown>).yes).toBeUndefined()
    })
  }

  it('does not treat inherited operators as operators', () => {
    expect(matches({ property: 'plan', operator: 'toString', value: 'pro' }, { plan: 'pro' })).toBe(false)
    expect(matches({ property: 'plan', operator: '__proto__', value: 'pro' }, { plan: 'pro' })).toBe(false)
  })
})

describe('unexpected JSON values', () => {
  const odd: unknown[] = [
    { nested: { deep: [1, 2] } },
    [1, 'two', null],
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    'NaN',
    'nan',
    'Infinity',
    '9'.repeat(400),
    '-0',
    '1.0',
    '',
    null,
    true,
  ]
  const operators = [...conditionOperators, 'NOT_AN_OPERATOR']

  it('evaluates every operator on every odd trait and condition value without throwing', () => {
    let evaluations = 0
    for (const operator of operators) {
      for (const trait of odd) {
        for (const value of odd) {
          expect(() => matches({ property: 'x', operator, value }, { x: trait as never })).not.toThrow()
          evaluations++
        }
      }
    }
    expect(evaluations).toBe(operators.length * odd.length * odd.length)
  })

  it('compares a 400-digit numeric string as a big integer', () => {
    const huge = '9'.repeat(400)
    expect(matches({ property: 'n', operator: 'GREATER_THAN', value: '1' }, { n: huge })).toBe(true)
    expect(matches({ property: 'n', operator: 'EQUAL', value: huge }, { n: huge })).toBe(true)
  })

  it('compiles a document whose condition values are not strings', () => {
    const document = {
      api_key: 'env',
      feature_states: [{ django_id: 1, enabled: true, feature_state_value: 1, feature: { id: 1, name: 'f' } }],
      project: {
        segments: [
          {
            id: 1,
            name: 's',
            rules: [{ type: 'ANY', conditions: odd.map((value) => ({ operator: 'IN', property_: 'x', value })) }],
          },
        ],
      },
    }
    const environment = compileEnvironment(document)
    expect(() => environment.getIdentityFlags('id', { x: 1 })).not.toThrow()
  })
})
