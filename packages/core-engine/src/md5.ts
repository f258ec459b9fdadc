import { encodeUtf8Into } from './encode-utf8'

// RFC 1321 table T[i] = floor(abs(sin(i + 1)) * 2^32), written out because Math.sin is not exact across engines.
const T = new Int32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8,
  0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
  0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87,
  0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
  0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
  0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
  0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
  0xeb86d391,
])
const SHIFTS = new Uint8Array([7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21])

// PERFORMANCE NOTE: hashing runs once per multivariate flag and percentage split per identity, so the buffers are
// reused across calls instead of allocated per hash. Safe because hashing is synchronous and never re-entered.
let buffer = new Uint8Array(256)
const words = new Int32Array(16)
const state = new Int32Array(4)

/**
 * @internal Computes the MD5 digest of the UTF-8 encoding of `text` as its four little-endian state words
 * (A, B, C, D). The returned array is shared and overwritten by the next call: read it at once.
 */
export function md5Words(text: string): Int32Array {
  const needed = text.length * 3 + 72
  if (buffer.length < needed) buffer = new Uint8Array(needed * 2)
  const length = encodeUtf8Into(text, buffer)
  const blocks = ((length + 8) >>> 6) + 1
  const padded = blocks * 64
  buffer[length] = 0x80
  buffer.fill(0, length + 1, padded - 8)
  const bitsLow = (length << 3) >>> 0
  const bitsHigh = Math.floor(length / 0x20000000)
  for (let i = 0; i < 4; i++) {
    buffer[padded - 8 + i] = (bitsLow >>> (8 * i)) & 0xff
    buffer[padded - 4 + i] = (bitsHigh >>> (8 * i)) & 0xff
  }
  let a0 = 0x67452301
  let b0 = 0xefcdab89 | 0
  let c0 = 0x98badcfe | 0
  let d0 = 0x10325476
  for (let offset = 0; offset < padded; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const p = offset + i * 4
      words[i] = buffer[p]! | (buffer[p + 1]! << 8) | (buffer[p + 2]! << 16) | (buffer[p + 3]! << 24)
    }
    let a = a0
    let b = b0
    let c = c0
    let d = d0
    for (let i = 0; i < 64; i++) {
      let f: number
      let g: number
      if (i < 16) {
        f = (b & c) | (~b & d)
        g = i
      } else if (i < 32) {
        f = (d & b) | (~d & c)
        g = (5 * i + 1) & 15
      } else if (i < 48) {
        f = b ^ c ^ d
        g = (3 * i + 5) & 15
      } else {
        f = c ^ (b | ~d)
        g = (7 * i) & 15
      }
      const sum = (a + f + T[i]! + words[g]!) | 0
      const shift = SHIFTS[((i >> 4) << 2) | (i & 3)]!
      a = d
      d = c
      c = b
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0
    }
    a0 = (a0 + a) | 0
    b0 = (b0 + b) | 0
    c0 = (c0 + c) | 0
    d0 = (d0 + d) | 0
  }
  state[0] = a0
  state[1] = b0
  state[2] = c0
  state[3] = d0
  return state
}

function wordToHex(word: number): string {
  let hex = ''
  for (let i = 0; i < 4; i++) hex += ((word >>> (8 * i)) & 0xff).toString(16).padStart(2, '0')
  return hex
}

/**
 * Returns the MD5 digest of the UTF-8 encoding of `text` as 32 lowercase hex digits, the way Flagsmith hashes bucketing
 * keys. Pure code: no `crypto`, `Buffer` or `TextEncoder`. Never throws; a lone surrogate is hashed as U+FFFD.
 *
 * @example
 * md5Hex('1,user_1') // '890f7da7df2586fff0ff55fd221b74c9'
 */
export function md5Hex(text: string): string {
  const digest = md5Words(text)
  return wordToHex(digest[0]!) + wordToHex(digest[1]!) + wordToHex(digest[2]!) + wordToHex(digest[3]!)
}
