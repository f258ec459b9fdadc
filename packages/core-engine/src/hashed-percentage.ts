import { type HashTail, md5Words } from './md5'

const MODULUS = 9999

function hashedRemainder(head: string, tail?: HashTail): number {
  const digest = md5Words(head, tail)
  // Flagsmith reads the digest as one big-endian integer, modulo 9999. Its bytes are the state words in little-endian
  // order; folding them in 16 bits at a time keeps every step an int32 remainder, much cheaper than floating-point `%`.
  let remainder = 0
  for (let i = 0; i < 4; i++) {
    const word = digest[i]!
    remainder = (remainder * 65536 + (((word & 0xff) << 8) | ((word >>> 8) & 0xff))) % MODULUS
    remainder = (remainder * 65536 + (((word >>> 8) & 0xff00) | (word >>> 24))) % MODULUS
  }
  return remainder
}

/**
 * Flagsmith's bucketing function: a number in [0, 100) derived from the md5 of `ids` joined with `,`.
 * `ids` are repeated `iterations` times; should the value come out as exactly 100, the hash is recomputed with one
 * more iteration, as the official engines do. Never throws.
 *
 * @defaultValue `iterations` = 1
 * @example
 * hashedPercentage(['1', 'user_1']) // 77.26545309061812
 */
export function hashedPercentage(ids: readonly string[], iterations = 1): number {
  let text = ids.join(',')
  if (iterations > 1 && ids.length > 0) {
    const parts: string[] = []
    for (let i = 0; i < iterations; i++) parts.push(text)
    text = parts.join(',')
  }
  const value = (hashedRemainder(text) / 9998) * 100
  return value === 100 ? hashedPercentage(ids, iterations + 1) : value
}

/** @internal {@link hashedPercentage} of `[head, tail]` where `head` already ends with the `,`. */
export function hashedPercentageOfPair(head: string, tail: HashTail): number {
  const value = (hashedRemainder(head, tail) / 9998) * 100
  return value === 100 ? hashedPercentage([head.slice(0, -1), tail.text], 2) : value
}
