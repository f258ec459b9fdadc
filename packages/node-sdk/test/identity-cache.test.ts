import { describe, expect, it } from 'vitest'
import { IdentityCache } from '../src/identity-cache'

const flags = { a: { name: 'a', enabled: true, value: 1 } }

describe('IdentityCache', () => {
  it('keys traits independently of their order', () => {
    expect(IdentityCache.key('u', { a: 1, b: 'x' })).toEqual(IdentityCache.key('u', { b: 'x', a: 1 }))
  })

  it('keeps apart what the API would evaluate or store differently', () => {
    const keys = [
      IdentityCache.key(),
      IdentityCache.key('u'),
      IdentityCache.key('u', {}, true),
      IdentityCache.key('u', { a: 1 }),
      IdentityCache.key('u', { a: '1' }),
      IdentityCache.key('u', { a: { value: 1, transient: true } }),
      IdentityCache.key('ü'),
      IdentityCache.key('ý'),
    ]
    expect(new Set(keys.map((key) => key.canonical)).size).toBe(keys.length)
    expect(new Set(keys.map((key) => key.hash)).size).toBe(keys.length)
  })

  it('refuses an entry whose hash matches but whose canonical key does not', () => {
    const cache = new IdentityCache()
    const key = IdentityCache.key('u')
    cache.set(key, flags)
    expect(cache.get(key)).toBe(flags)
    expect(cache.get({ hash: key.hash, canonical: 'another identity' })).toBeUndefined()
  })

  it('keeps expired entries for use while the API fails', () => {
    // lru-cache reads a start time of 0 as "no TTL", so the clock starts later.
    let now = 1000
    const cache = new IdentityCache({ ttlMs: 100, now: () => now })
    const key = IdentityCache.key('u')
    cache.set(key, flags)
    now = 1150
    expect(cache.get(key)).toBeUndefined()
    expect(cache.get(key, { allowStale: true })).toBe(flags)
  })
})
