import { describe, expect, it } from 'vitest'
import { IdentityTraitStore } from '../src/identity-trait-store'

describe('IdentityTraitStore', () => {
  it('stores values, deletes nulls and skips transient traits', () => {
    const store = new IdentityTraitStore({ maxIdentities: 10 })
    store.update('a', [
      { trait_key: 'plan', trait_value: 'pro' },
      { trait_key: 'age', trait_value: 30 },
      { trait_key: 'secret', trait_value: 'x', transient: true },
    ])
    store.update('a', [{ trait_key: 'age', trait_value: null }])
    expect([...store.get('a')!]).toEqual([['plan', 'pro']])
  })

  it('does not change traits already handed out', () => {
    const store = new IdentityTraitStore({ maxIdentities: 10 })
    store.update('a', [{ trait_key: 'plan', trait_value: 'pro' }])
    const before = store.get('a')!
    store.update('a', [{ trait_key: 'plan', trait_value: 'free' }])
    expect(before.get('plan')).toBe('pro')
    expect(store.get('a')!.get('plan')).toBe('free')
  })

  it('drops the least recently used identity beyond its bound', () => {
    const store = new IdentityTraitStore({ maxIdentities: 2 })
    store.update('a', [{ trait_key: 't', trait_value: 1 }])
    store.update('b', [{ trait_key: 't', trait_value: 2 }])
    store.get('a')
    store.update('c', [{ trait_key: 't', trait_value: 3 }])
    expect(store.size).toBe(2)
    expect(store.get('b')).toBeUndefined()
    expect(store.get('a')?.get('t')).toBe(1)
    expect(store.get('c')?.get('t')).toBe(3)
  })

  it('treats prototype-like trait keys as ordinary traits', () => {
    const store = new IdentityTraitStore({ maxIdentities: 2 })
    store.update('a', [{ trait_key: '__proto__', trait_value: 'x' }])
    expect(store.get('a')?.get('__proto__')).toBe('x')
  })

  it('stores nothing when its bound is zero', () => {
    const store = new IdentityTraitStore({ maxIdentities: 0 })
    store.update('a', [{ trait_key: 't', trait_value: 1 }])
    expect(store.size).toBe(0)
  })
})
