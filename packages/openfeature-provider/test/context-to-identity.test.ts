import { describe, expect, it } from 'vitest'
import { contextToIdentity, isSameIdentity } from '../src/context-to-identity'

describe('contextToIdentity', () => {
  it('returns no identity without a targeting key, so environment flags are used', () => {
    expect(contextToIdentity(undefined)).toBeNull()
    expect(contextToIdentity({})).toBeNull()
    expect(contextToIdentity({ plan: 'pro' })).toBeNull()
    expect(contextToIdentity({ targetingKey: '' })).toBeNull()
  })

  it('uses the targeting key as identifier and every other top-level attribute as a trait', () => {
    expect(contextToIdentity({ targetingKey: 'user-1', plan: 'pro', seats: 3, beta: true, nothing: null })).toEqual({
      identifier: 'user-1',
      traits: { plan: 'pro', seats: 3, beta: true, nothing: null },
    })
  })

  it('sends dates as ISO 8601 strings and arrays as JSON strings', () => {
    const identity = contextToIdentity({
      targetingKey: 'u',
      signedUpAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      tags: ['a', 1, true],
    })
    expect(identity?.traits).toEqual({ signedUpAt: '2024-01-02T03:04:05.000Z', tags: '["a",1,true]' })
  })

  it('flattens nested objects with dot-joined keys', () => {
    const identity = contextToIdentity({ targetingKey: 'u', company: { plan: 'pro', address: { country: 'NL' } } })
    expect(identity?.traits).toEqual({ 'company.plan': 'pro', 'company.address.country': 'NL' })
  })

  it('drops values JSON cannot carry', () => {
    const identity = contextToIdentity({
      targetingKey: 'u',
      nan: Number.NaN,
      infinite: Number.POSITIVE_INFINITY,
      invalidDate: new Date(Number.NaN),
      ok: 1,
    })
    expect(identity?.traits).toEqual({ ok: 1 })
  })

  it('merges a traits object like the old Flagsmith provider, with top-level attributes winning', () => {
    const identity = contextToIdentity({ targetingKey: 'u', traits: { plan: 'free', age: 30 }, plan: 'pro' })
    expect(identity?.traits).toEqual({ plan: 'pro', age: 30 })
  })

  it('treats a non-object traits attribute as an ordinary trait', () => {
    expect(contextToIdentity({ targetingKey: 'u', traits: 'none' })?.traits).toEqual({ traits: 'none' })
  })

  it('keeps a trait named __proto__ as an ordinary trait', () => {
    const context = JSON.parse('{"targetingKey":"u","__proto__":"x"}')
    const identity = contextToIdentity(context)
    expect(Object.entries(identity?.traits ?? {})).toEqual([['__proto__', 'x']])
  })

  it('stops at a cyclic object instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic.self = cyclic
    const identity = contextToIdentity({ targetingKey: 'u', cyclic } as never)
    expect(identity?.traits['cyclic.name']).toBe('loop')
  })
})

describe('isSameIdentity', () => {
  it('compares identifier and trait values', () => {
    const a = { identifier: 'u', traits: { plan: 'pro' } }
    expect(isSameIdentity(a, { identifier: 'u', traits: { plan: 'pro' } })).toBe(true)
    expect(isSameIdentity(a, { identifier: 'v', traits: { plan: 'pro' } })).toBe(false)
    expect(isSameIdentity(a, { identifier: 'u', traits: { plan: 'free' } })).toBe(false)
    expect(isSameIdentity(a, { identifier: 'u', traits: {} })).toBe(false)
    expect(isSameIdentity(a, null)).toBe(false)
    expect(isSameIdentity(null, null)).toBe(true)
  })
})
