import { describe, expect, expectTypeOf, it } from 'vitest'
import { type ResolvableFlag, type ResolveFlagOptions, resolveFlag } from '../src/resolve-flag'

const environment: ResolveFlagOptions = { booleanSource: 'enabled', hasIdentity: false }
const identity: ResolveFlagOptions = { booleanSource: 'enabled', hasIdentity: true }

function flag(value: unknown, extra: Partial<ResolvableFlag> = {}): ResolvableFlag {
  return { enabled: true, value, reason: 'DEFAULT', variant: null, metadata: { id: 7 }, ...extra }
}

describe('resolveFlag', () => {
  it('returns the default with FLAG_NOT_FOUND for a missing flag', () => {
    expect(resolveFlag('missing', undefined, 'string', 'fallback', environment)).toEqual({
      value: 'fallback',
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
      errorMessage: 'Flag "missing" is not in the environment',
    })
  })

  it('reads booleans from enabled, whatever the value and the caller default', () => {
    expect(resolveFlag('f', flag('x'), 'boolean', false, environment)).toEqual({
      value: true,
      reason: 'STATIC',
      flagMetadata: { featureId: 7 },
    })
    expect(resolveFlag('f', flag(null, { enabled: false }), 'boolean', true, environment).value).toBe(false)
  })

  it('reads booleans from the value when booleanSource is value', () => {
    const options: ResolveFlagOptions = { booleanSource: 'value', hasIdentity: false }
    expect(resolveFlag('f', flag(false), 'boolean', true, options)).toMatchObject({ value: false, reason: 'STATIC' })
    expect(resolveFlag('f', flag('yes'), 'boolean', true, options)).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
    })
    expect(resolveFlag('f', flag(true, { enabled: false }), 'boolean', false, options)).toMatchObject({
      value: false,
      reason: 'DISABLED',
    })
  })

  it('returns string, number and object values of the right type with the mapped reason', () => {
    expect(resolveFlag('s', flag('hello'), 'string', 'd', identity)).toEqual({
      value: 'hello',
      reason: 'DEFAULT',
      flagMetadata: { featureId: 7 },
    })
    expect(resolveFlag('n', flag(42), 'number', 0, identity).value).toBe(42)
    expect(resolveFlag('o', flag('{"a":[1,2]}'), 'object', {}, identity).value).toEqual({ a: [1, 2] })
    expect(resolveFlag('o', flag(' [1, 2] '), 'object', {}, identity).value).toEqual([1, 2])
  })

  it('accepts numeric strings for number flags, because Flagsmith stores floats as strings', () => {
    expect(resolveFlag('n', flag('1.5'), 'number', 0, identity).value).toBe(1.5)
    expect(resolveFlag('n', flag('-2e3'), 'number', 0, identity).value).toBe(-2000)
    expect(resolveFlag('n', flag('12px'), 'number', 0, identity)).toMatchObject({
      value: 0,
      errorCode: 'TYPE_MISMATCH',
    })
    expect(resolveFlag('n', flag(''), 'number', 0, identity)).toMatchObject({ value: 0, errorCode: 'TYPE_MISMATCH' })
  })

  it('returns the default with TYPE_MISMATCH when the value has another type', () => {
    expect(resolveFlag('s', flag(42), 'string', 'd', identity)).toEqual({
      value: 'd',
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
      errorMessage: 'Flag "s" has a number value, not a string',
      flagMetadata: { featureId: 7 },
    })
    expect(resolveFlag('s', flag(null), 'string', 'd', identity)).toMatchObject({
      value: 'd',
      errorCode: 'TYPE_MISMATCH',
      errorMessage: 'Flag "s" has no value, not a string',
    })
    expect(resolveFlag('n', flag(true), 'number', 1, identity)).toMatchObject({ value: 1, errorCode: 'TYPE_MISMATCH' })
    expect(resolveFlag('o', flag(3), 'object', {}, identity)).toMatchObject({ errorCode: 'TYPE_MISMATCH' })
    expect(resolveFlag('o', flag('plain text'), 'object', {}, identity)).toMatchObject({ errorCode: 'TYPE_MISMATCH' })
    expect(resolveFlag('o', flag('"[json string]"'), 'object', {}, identity)).toMatchObject({
      errorCode: 'TYPE_MISMATCH',
    })
  })

  it('returns the default with PARSE_ERROR when an object flag holds broken JSON', () => {
    expect(resolveFlag('o', flag('{"a":'), 'object', { d: 1 }, identity)).toMatchObject({
      value: { d: 1 },
      reason: 'ERROR',
      errorCode: 'PARSE_ERROR',
    })
  })

  it('returns the default with reason DISABLED for a disabled flag read for its value', () => {
    expect(resolveFlag('s', flag('hello', { enabled: false }), 'string', 'd', identity)).toEqual({
      value: 'd',
      reason: 'DISABLED',
      flagMetadata: { featureId: 7 },
    })
    expect(resolveFlag('s', flag(42, { enabled: false }), 'string', 'd', identity)).not.toHaveProperty('errorCode')
  })

  it('reports the multivariate variant and the matched segment', () => {
    const split = flag('blue', { reason: 'SPLIT; weight=50', variant: 'variant-blue' })
    expect(resolveFlag('c', split, 'string', 'red', identity)).toEqual({
      value: 'blue',
      reason: 'SPLIT',
      variant: 'variant-blue',
      flagMetadata: { featureId: 7 },
    })
    const targeted = flag('pro', { reason: 'TARGETING_MATCH; segment=paying' })
    expect(resolveFlag('p', targeted, 'string', 'free', identity)).toEqual({
      value: 'pro',
      reason: 'TARGETING_MATCH',
      flagMetadata: { featureId: 7, segment: 'paying' },
    })
  })

  it('leaves the variant out of booleans read from enabled, since it names a value', () => {
    const split = flag('blue', { reason: 'SPLIT; weight=50', variant: 'variant-blue' })
    expect(resolveFlag('c', split, 'boolean', false, identity)).not.toHaveProperty('variant')
  })

  it('reports UNKNOWN for flags without a reason and omits an unknown feature id', () => {
    expect(resolveFlag('s', { enabled: true, value: 'x' }, 'string', 'd', identity)).toEqual({
      value: 'x',
      reason: 'UNKNOWN',
      flagMetadata: {},
    })
  })

  it('reports CACHED for flags served from a cache or bootstrap', () => {
    expect(resolveFlag('s', flag('x'), 'string', 'd', { ...identity, source: 'cache' }).reason).toBe('CACHED')
  })

  it('reports DEFAULT for the client default flags served before real flags arrive', () => {
    expect(resolveFlag('s', flag('x'), 'string', 'd', { ...identity, source: 'default' })).toMatchObject({
      value: 'x',
      reason: 'DEFAULT',
    })
  })
})

describe('resolveFlag types', () => {
  it("types the resolved value as the caller's default (spec 2.2.8.1)", () => {
    const details = resolveFlag('o', flag('{"limit":3}'), 'object', { limit: 0 }, identity)
    expectTypeOf(details.value).toEqualTypeOf<{ limit: number }>()
    expect(details.value).toEqual({ limit: 3 })
  })
})
