import { describe, expect, it } from 'vitest'
import type { FlagMap } from '../src/flag'
import { mergeFlags } from '../src/merge-flags'

const base = (): FlagMap => ({
  a: { name: 'a', enabled: true, value: 1, metadata: { id: 1 } },
  b: { name: 'b', enabled: false, value: 'x' },
})

describe('mergeFlags', () => {
  it('returns the previous map itself when nothing changed', () => {
    const previous = base()
    const result = mergeFlags(previous, base())
    expect(result.flags).toBe(previous)
    expect(result.changed).toEqual([])
  })

  it('keeps the object of every unchanged flag and reports changed, added and removed names', () => {
    const previous = base()
    const next: FlagMap = {
      a: { ...base().a! },
      b: { name: 'b', enabled: true, value: 'x' },
      c: { name: 'c', enabled: true, value: null },
    }
    const result = mergeFlags(previous, next)
    expect(result.flags.a).toBe(previous.a)
    expect(result.flags.b).toBe(next.b)
    expect(result.changed).toEqual(['b', 'c'])
    expect(mergeFlags(result.flags, { a: next.a! }).changed).toEqual(['b', 'c'])
  })

  it('sees a change of reason, variant or metadata', () => {
    const previous = base()
    expect(mergeFlags(previous, { ...previous, a: { ...previous.a!, reason: 'DEFAULT' } }).changed).toEqual(['a'])
    expect(mergeFlags(previous, { ...previous, a: { ...previous.a!, variant: 'v' } }).changed).toEqual(['a'])
    expect(mergeFlags(previous, { ...previous, a: { ...previous.a!, metadata: { id: 2 } } }).changed).toEqual(['a'])
  })
})
