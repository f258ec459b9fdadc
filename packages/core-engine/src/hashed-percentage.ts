import { HashHead, type HashTail, LANES, md5Words, md5WordsOfLanes } from './md5'

/** The digest whose state words start at `digest[at]`, read as Flagsmith reads it (one big-endian integer), modulo 9999. */
function remainderOf(digest: Int32Array, at: number): number {
  // The digest's bytes are the state words in little-endian order, so each word, byte-swapped, is the next 32 bits of
  // the integer. Folding them in with 2^32 ≡ 6835 (mod 9999) keeps every step within int32 and the divisor constant,
  // which V8 turns into a multiplication: much cheaper than floating-point `%`.
  let remainder = 0
  for (let i = at; i < at + 4; i++) {
    const word = digest[i]!
    const next = (((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)) >>> 0
    remainder = (remainder * 6835 + (next % 9999)) % 9999
  }
  return remainder
}

function hashedRemainder(head: HashHead, tail?: HashTail): number {
  return remainderOf(md5Words(head, tail), 0)
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
  const value = (hashedRemainder(new HashHead(text)) / 9998) * 100
  return value === 100 ? hashedPercentage(ids, iterations + 1) : value
}

/** @internal {@link hashedPercentage} of `[head, tail]` where `head` already ends with the `,`. */
export function hashedPercentageOfPair(head: HashHead, tail: HashTail): number {
  const value = (hashedRemainder(head, tail) / 9998) * 100
  return value === 100 ? hashedPercentage([head.text.slice(0, -1), tail.text], 2) : value
}

/**
 * @internal {@link hashedPercentageOfPair} of each of `heads` with `tail`, into `into`. Hashes {@link LANES} keys at a
 * time, which takes about half as long again as hashing one.
 */
export function hashedPercentagesOfPairs(heads: readonly HashHead[], tail: HashTail, into: number[]): void {
  for (let from = 0; from < heads.length; from += LANES) {
    const count = Math.min(LANES, heads.length - from)
    // One key alone hashes faster without the lanes.
    const digests = count > 1 ? md5WordsOfLanes(heads, from, count, tail) : undefined
    for (let k = 0; k < count; k++) {
      into[from + k] = digests ? (remainderOf(digests, 4 * k) / 9998) * 100 : 100
    }
    // Read every lane before hashing again. 100 is no percentage: either Flagsmith hashes the key again, or the keys
    // were not hashed in lanes; hashedPercentageOfPair handles both.
    for (let k = 0; k < count; k++) {
      if (into[from + k] === 100) into[from + k] = hashedPercentageOfPair(heads[from + k]!, tail)
    }
  }
}
