import { md5Words } from './md5'

const MODULUS = 9999
// 2^32 mod 9999: folding the digest word by word keeps every intermediate below 2^53, so no BigInt is needed.
const WORD_MODULUS = 4294967296 % MODULUS

function bigEndian(word: number): number {
  return (((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)) >>> 0
}

function hashedRemainder(text: string): number {
  const digest = md5Words(text)
  // The digest bytes are the state words in little-endian order; Flagsmith reads them as one big-endian integer.
  let remainder = bigEndian(digest[0]!) % MODULUS
  for (let i = 1; i < 4; i++) remainder = (remainder * WORD_MODULUS + bigEndian(digest[i]!)) % MODULUS
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

/** @internal {@link hashedPercentage} of ids already joined with `,` (one iteration first, as there). */
export function hashedPercentageOf(joined: string): number {
  const value = (hashedRemainder(joined) / 9998) * 100
  return value === 100 ? hashedPercentage([joined], 2) : value
}
