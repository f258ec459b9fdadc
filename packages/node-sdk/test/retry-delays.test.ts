import { describe, expect, it } from 'vitest'
import { computeBackoff } from '../src/backoff'
import { parseRetryAfter } from '../src/retry-after'

describe('computeBackoff', () => {
  it('doubles the ceiling per attempt up to the maximum, with full jitter', () => {
    const ceiling = (attempt: number) => computeBackoff(attempt, { baseMs: 100, maxMs: 1000, random: () => 0.999999 })
    expect([0, 1, 2, 3, 4, 40].map(ceiling)).toEqual([99, 199, 399, 799, 999, 999])
    expect(computeBackoff(3, { baseMs: 100, maxMs: 1000, random: () => 0 })).toBe(0)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1)
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500)
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000)
    expect(parseRetryAfter(new Date(now - 7000).toUTCString(), now)).toBe(0)
  })

  it('returns undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})
