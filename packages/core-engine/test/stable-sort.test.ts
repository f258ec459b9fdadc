import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stableSort } from '../src/stable-sort'

type Item = { rank: number; at: number }
const byRank = (a: Item, b: Item) => a.rank - b.rank

describe('stableSort', () => {
  // Lengths on both sides of the insertion-sort cut-off, with few distinct ranks so that ties are common.
  it('sorts like a stable sort by rank, in place, for short and long lists', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 40 }), (ranks) => {
        const items = ranks.map((rank, at) => ({ rank, at }))
        const expected = [...items].sort((a, b) => a.rank - b.rank || a.at - b.at)
        expect(stableSort(items, byRank)).toBe(items)
        expect(items).toEqual(expected)
      }),
    )
  })
})
