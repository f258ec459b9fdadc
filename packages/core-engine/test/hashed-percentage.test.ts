import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { hashedPercentage } from '@vexil/core-engine'
import { describe, expect, it } from 'vitest'
import { hashedPercentageOfPair, hashedPercentagesOfPairs } from '../src/hashed-percentage'
import { HashHead, HashTail, md5Hex, md5Words } from '../src/md5'
import { engineTestDataDirectory } from './support/engine-test-data'

// The worked examples are read from the engine spec beside the test data rather than retyped here.
const specPath = join(engineTestDataDirectory, '../spec/engine.md')

interface WorkedExample {
  ids: string[]
  value: number
  md5: string
}

function readWorkedExamples(): WorkedExample[] | undefined {
  if (!existsSync(specPath)) return undefined
  const rows = readFileSync(specPath, 'utf8').matchAll(/^\| (`.+`) \| ([0-9.]+) \| ([0-9a-f]{32}) \|$/gm)
  return [...rows].map(([, ids, value, md5]) => ({
    ids: [...ids!.matchAll(/`([^`]*)`/g)].map((match) => match[1]!),
    value: Number(value),
    md5: md5!,
  }))
}

const examples = readWorkedExamples()
if (!examples) console.warn(`The engine spec was not found at ${specPath}: the worked hashing examples are skipped.`)

describe.runIf(examples)("hashedPercentage on the spec's worked examples", () => {
  it('finds the worked examples', () => {
    expect(examples!.length).toBeGreaterThanOrEqual(5)
  })

  it.each(examples ?? [])('hashes $ids to $value', ({ ids, value, md5 }) => {
    expect(md5Hex(ids.join(','))).toBe(md5)
    expect(hashedPercentage(ids)).toBe(value)
  })
})

describe('md5Hex', () => {
  it('matches the RFC 1321 test suite', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e')
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72')
    expect(md5Hex('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    )
  })

  it('hashes strings of every length around the 64-byte block boundary like node:crypto', async () => {
    const { createHash } = await import('node:crypto')
    for (let length = 0; length < 300; length++) {
      const ascii = 'user-42,'.repeat(40).slice(0, length)
      const text = 'é'.repeat(length % 7) + 'x'.repeat(length) + '😀'.repeat(length % 3)
      for (const sample of [ascii, text, `${ascii}é`]) {
        expect(md5Hex(sample)).toBe(createHash('md5').update(sample, 'utf8').digest('hex'))
      }
    }
  })
})

describe('hashedPercentage', () => {
  it('stays in [0, 100) and repeats the ids with more iterations', () => {
    for (let i = 0; i < 2000; i++) {
      const value = hashedPercentage([String(i), `user-${i}`])
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThan(100)
    }
    expect(hashedPercentage(['a', 'b'], 2)).toBe(hashedPercentage(['a', 'b', 'a', 'b']))
  })
})

describe('hashedPercentageOfPair', () => {
  it("equals Flagsmith's formula computed with node:crypto and BigInt, for ASCII, non-ASCII and long keys", async () => {
    const { createHash } = await import('node:crypto')
    const reference = (text: string) =>
      (Number(BigInt(`0x${createHash('md5').update(text, 'utf8').digest('hex')}`) % 9999n) / 9998) * 100
    const tails = ['user-1', 'ada.9x@example.com', 'Zoë', '用户', '😀', '', 'x'.repeat(60), 'y'.repeat(47)]
    for (let i = 0; i < 3000; i++) {
      const head = i % 5 === 0 ? `é${i},` : `${i * 7919},`
      const tail = `${tails[i % tails.length]}${i}`
      expect(hashedPercentageOfPair(new HashHead(head), new HashTail(tail))).toBe(reference(head + tail))
    }
  })
})

describe('HashTail', () => {
  it('hashes one prepared tail after heads of every alignment, as if the key were one string', async () => {
    const { createHash } = await import('node:crypto')
    const hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex')
    for (const text of ['Zy8ZLFnK845CLet68MYduA_user-42', 'env_Zoë', 'k_用户😀', '', 'x'.repeat(50)]) {
      const tail = new HashTail(text)
      for (const head of ['', '1,', '12,', '123,', '1234,', '12345,', 'é,']) {
        const words = md5Words(new HashHead(head), tail)
        const digest = [...words.subarray(0, 4)].map((word) =>
          (word >>> 0).toString(16).padStart(8, '0').match(/../g)!.reverse().join(''),
        )
        expect(digest.join(''), `${head}${text}`).toBe(hex(head + text))
      }
    }
  })
})

describe('hashedPercentagesOfPairs', () => {
  it('gives every head the percentage hashedPercentageOfPair gives it, whatever the group of four it falls in', () => {
    const tails = ['user-1', 'ada.9x@example.com', 'Zoë', '', 'x'.repeat(50), 'y'.repeat(60)]
    for (const text of tails) {
      const tail = new HashTail(text)
      for (let count = 0; count <= 9; count++) {
        // Mixed on purpose: a non-ASCII head or a key too long for one block sends its group down the slow path.
        const heads = Array.from(
          { length: count },
          (_, i) => new HashHead(i === 6 ? `é${i},` : `${'1'.repeat(i)}${i * 7919},`),
        )
        const into: number[] = []
        hashedPercentagesOfPairs(heads, tail, into)
        expect(into, `${count} heads, tail ${text}`).toEqual(heads.map((head) => hashedPercentageOfPair(head, tail)))
      }
    }
  })

  it('hashes a key again where its percentage comes out as 100, as Flagsmith does', async () => {
    // Found by search: the md5 of '1,user-18120' is 9998 modulo 9999, which is 100%.
    const { createHash } = await import('node:crypto')
    expect(BigInt(`0x${createHash('md5').update('1,user-18120').digest('hex')}`) % 9999n).toBe(9998n)
    const into: number[] = []
    hashedPercentagesOfPairs(
      ['2,', '1,', '3,'].map((head) => new HashHead(head)),
      new HashTail('user-18120'),
      into,
    )
    expect(into[1]).toBe(hashedPercentage(['1', 'user-18120', '1', 'user-18120']))
    expect(into[1]).toBeLessThan(100)
    expect(into[1]).toBe(hashedPercentage(['1', 'user-18120']))
  })
})
