import { encodeUtf8Into } from './encode-utf8'

// PERFORMANCE NOTE: hashing runs once per multivariate flag and percentage split per identity, so the 64 steps of
// RFC 1321 §3.4 are written out with their constants (T[i] = floor(abs(sin(i + 1)) * 2^32) as signed 32-bit integers)
// and buffers are reused across calls. Safe because hashing is synchronous and never re-entered.
let buffer = /* @__PURE__ */ new Uint8Array(256)
const words = /* @__PURE__ */ new Int32Array(16)
const state = /* @__PURE__ */ new Int32Array(4)

/** Runs the compression function on the 16 little-endian words in `words`, updating `state`. */
function compress(): void {
  const w0 = words[0]!
  const w1 = words[1]!
  const w2 = words[2]!
  const w3 = words[3]!
  const w4 = words[4]!
  const w5 = words[5]!
  const w6 = words[6]!
  const w7 = words[7]!
  const w8 = words[8]!
  const w9 = words[9]!
  const w10 = words[10]!
  const w11 = words[11]!
  const w12 = words[12]!
  const w13 = words[13]!
  const w14 = words[14]!
  const w15 = words[15]!
  let a = state[0]!
  let b = state[1]!
  let c = state[2]!
  let d = state[3]!
  a = (a + ((b & c) | (~b & d)) + w0 + -680876936) | 0
  a = (((a << 7) | (a >>> 25)) + b) | 0
  d = (d + ((a & b) | (~a & c)) + w1 + -389564586) | 0
  d = (((d << 12) | (d >>> 20)) + a) | 0
  c = (c + ((d & a) | (~d & b)) + w2 + 606105819) | 0
  c = (((c << 17) | (c >>> 15)) + d) | 0
  b = (b + ((c & d) | (~c & a)) + w3 + -1044525330) | 0
  b = (((b << 22) | (b >>> 10)) + c) | 0
  a = (a + ((b & c) | (~b & d)) + w4 + -176418897) | 0
  a = (((a << 7) | (a >>> 25)) + b) | 0
  d = (d + ((a & b) | (~a & c)) + w5 + 1200080426) | 0
  d = (((d << 12) | (d >>> 20)) + a) | 0
  c = (c + ((d & a) | (~d & b)) + w6 + -1473231341) | 0
  c = (((c << 17) | (c >>> 15)) + d) | 0
  b = (b + ((c & d) | (~c & a)) + w7 + -45705983) | 0
  b = (((b << 22) | (b >>> 10)) + c) | 0
  a = (a + ((b & c) | (~b & d)) + w8 + 1770035416) | 0
  a = (((a << 7) | (a >>> 25)) + b) | 0
  d = (d + ((a & b) | (~a & c)) + w9 + -1958414417) | 0
  d = (((d << 12) | (d >>> 20)) + a) | 0
  c = (c + ((d & a) | (~d & b)) + w10 + -42063) | 0
  c = (((c << 17) | (c >>> 15)) + d) | 0
  b = (b + ((c & d) | (~c & a)) + w11 + -1990404162) | 0
  b = (((b << 22) | (b >>> 10)) + c) | 0
  a = (a + ((b & c) | (~b & d)) + w12 + 1804603682) | 0
  a = (((a << 7) | (a >>> 25)) + b) | 0
  d = (d + ((a & b) | (~a & c)) + w13 + -40341101) | 0
  d = (((d << 12) | (d >>> 20)) + a) | 0
  c = (c + ((d & a) | (~d & b)) + w14 + -1502002290) | 0
  c = (((c << 17) | (c >>> 15)) + d) | 0
  b = (b + ((c & d) | (~c & a)) + w15 + 1236535329) | 0
  b = (((b << 22) | (b >>> 10)) + c) | 0
  a = (a + ((b & d) | (c & ~d)) + w1 + -165796510) | 0
  a = (((a << 5) | (a >>> 27)) + b) | 0
  d = (d + ((a & c) | (b & ~c)) + w6 + -1069501632) | 0
  d = (((d << 9) | (d >>> 23)) + a) | 0
  c = (c + ((d & b) | (a & ~b)) + w11 + 643717713) | 0
  c = (((c << 14) | (c >>> 18)) + d) | 0
  b = (b + ((c & a) | (d & ~a)) + w0 + -373897302) | 0
  b = (((b << 20) | (b >>> 12)) + c) | 0
  a = (a + ((b & d) | (c & ~d)) + w5 + -701558691) | 0
  a = (((a << 5) | (a >>> 27)) + b) | 0
  d = (d + ((a & c) | (b & ~c)) + w10 + 38016083) | 0
  d = (((d << 9) | (d >>> 23)) + a) | 0
  c = (c + ((d & b) | (a & ~b)) + w15 + -660478335) | 0
  c = (((c << 14) | (c >>> 18)) + d) | 0
  b = (b + ((c & a) | (d & ~a)) + w4 + -405537848) | 0
  b = (((b << 20) | (b >>> 12)) + c) | 0
  a = (a + ((b & d) | (c & ~d)) + w9 + 568446438) | 0
  a = (((a << 5) | (a >>> 27)) + b) | 0
  d = (d + ((a & c) | (b & ~c)) + w14 + -1019803690) | 0
  d = (((d << 9) | (d >>> 23)) + a) | 0
  c = (c + ((d & b) | (a & ~b)) + w3 + -187363961) | 0
  c = (((c << 14) | (c >>> 18)) + d) | 0
  b = (b + ((c & a) | (d & ~a)) + w8 + 1163531501) | 0
  b = (((b << 20) | (b >>> 12)) + c) | 0
  a = (a + ((b & d) | (c & ~d)) + w13 + -1444681467) | 0
  a = (((a << 5) | (a >>> 27)) + b) | 0
  d = (d + ((a & c) | (b & ~c)) + w2 + -51403784) | 0
  d = (((d << 9) | (d >>> 23)) + a) | 0
  c = (c + ((d & b) | (a & ~b)) + w7 + 1735328473) | 0
  c = (((c << 14) | (c >>> 18)) + d) | 0
  b = (b + ((c & a) | (d & ~a)) + w12 + -1926607734) | 0
  b = (((b << 20) | (b >>> 12)) + c) | 0
  a = (a + (b ^ c ^ d) + w5 + -378558) | 0
  a = (((a << 4) | (a >>> 28)) + b) | 0
  d = (d + (a ^ b ^ c) + w8 + -2022574463) | 0
  d = (((d << 11) | (d >>> 21)) + a) | 0
  c = (c + (d ^ a ^ b) + w11 + 1839030562) | 0
  c = (((c << 16) | (c >>> 16)) + d) | 0
  b = (b + (c ^ d ^ a) + w14 + -35309556) | 0
  b = (((b << 23) | (b >>> 9)) + c) | 0
  a = (a + (b ^ c ^ d) + w1 + -1530992060) | 0
  a = (((a << 4) | (a >>> 28)) + b) | 0
  d = (d + (a ^ b ^ c) + w4 + 1272893353) | 0
  d = (((d << 11) | (d >>> 21)) + a) | 0
  c = (c + (d ^ a ^ b) + w7 + -155497632) | 0
  c = (((c << 16) | (c >>> 16)) + d) | 0
  b = (b + (c ^ d ^ a) + w10 + -1094730640) | 0
  b = (((b << 23) | (b >>> 9)) + c) | 0
  a = (a + (b ^ c ^ d) + w13 + 681279174) | 0
  a = (((a << 4) | (a >>> 28)) + b) | 0
  d = (d + (a ^ b ^ c) + w0 + -358537222) | 0
  d = (((d << 11) | (d >>> 21)) + a) | 0
  c = (c + (d ^ a ^ b) + w3 + -722521979) | 0
  c = (((c << 16) | (c >>> 16)) + d) | 0
  b = (b + (c ^ d ^ a) + w6 + 76029189) | 0
  b = (((b << 23) | (b >>> 9)) + c) | 0
  a = (a + (b ^ c ^ d) + w9 + -640364487) | 0
  a = (((a << 4) | (a >>> 28)) + b) | 0
  d = (d + (a ^ b ^ c) + w12 + -421815835) | 0
  d = (((d << 11) | (d >>> 21)) + a) | 0
  c = (c + (d ^ a ^ b) + w15 + 530742520) | 0
  c = (((c << 16) | (c >>> 16)) + d) | 0
  b = (b + (c ^ d ^ a) + w2 + -995338651) | 0
  b = (((b << 23) | (b >>> 9)) + c) | 0
  a = (a + (c ^ (b | ~d)) + w0 + -198630844) | 0
  a = (((a << 6) | (a >>> 26)) + b) | 0
  d = (d + (b ^ (a | ~c)) + w7 + 1126891415) | 0
  d = (((d << 10) | (d >>> 22)) + a) | 0
  c = (c + (a ^ (d | ~b)) + w14 + -1416354905) | 0
  c = (((c << 15) | (c >>> 17)) + d) | 0
  b = (b + (d ^ (c | ~a)) + w5 + -57434055) | 0
  b = (((b << 21) | (b >>> 11)) + c) | 0
  a = (a + (c ^ (b | ~d)) + w12 + 1700485571) | 0
  a = (((a << 6) | (a >>> 26)) + b) | 0
  d = (d + (b ^ (a | ~c)) + w3 + -1894986606) | 0
  d = (((d << 10) | (d >>> 22)) + a) | 0
  c = (c + (a ^ (d | ~b)) + w10 + -1051523) | 0
  c = (((c << 15) | (c >>> 17)) + d) | 0
  b = (b + (d ^ (c | ~a)) + w1 + -2054922799) | 0
  b = (((b << 21) | (b >>> 11)) + c) | 0
  a = (a + (c ^ (b | ~d)) + w8 + 1873313359) | 0
  a = (((a << 6) | (a >>> 26)) + b) | 0
  d = (d + (b ^ (a | ~c)) + w15 + -30611744) | 0
  d = (((d << 10) | (d >>> 22)) + a) | 0
  c = (c + (a ^ (d | ~b)) + w6 + -1560198380) | 0
  c = (((c << 15) | (c >>> 17)) + d) | 0
  b = (b + (d ^ (c | ~a)) + w13 + 1309151649) | 0
  b = (((b << 21) | (b >>> 11)) + c) | 0
  a = (a + (c ^ (b | ~d)) + w4 + -145523070) | 0
  a = (((a << 6) | (a >>> 26)) + b) | 0
  d = (d + (b ^ (a | ~c)) + w11 + -1120210379) | 0
  d = (((d << 10) | (d >>> 22)) + a) | 0
  c = (c + (a ^ (d | ~b)) + w2 + 718787259) | 0
  c = (((c << 15) | (c >>> 17)) + d) | 0
  b = (b + (d ^ (c | ~a)) + w9 + -343485551) | 0
  b = (((b << 21) | (b >>> 11)) + c) | 0
  state[0] = (state[0]! + a) | 0
  state[1] = (state[1]! + b) | 0
  state[2] = (state[2]! + c) | 0
  state[3] = (state[3]! + d) | 0
}

/**
 * @internal The end of many hashed keys (an identity key ends one per multivariate flag and split): its UTF-8 bytes
 * packed into block words once for each byte alignment a head may leave, so hashing `head + tail` reads only the
 * head's few characters. Reading the tail's characters again for every key cost more than the compression.
 */
export class HashTail {
  /** The tail's length in UTF-8 bytes. */
  readonly length: number
  readonly #aligned: (number[] | undefined)[] = [undefined, undefined, undefined, undefined]

  constructor(readonly text: string) {
    this.length = text.length
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) >= 0x80) {
        this.length = encodeUtf8Into(text, bufferFor(text))
        break
      }
    }
  }

  /**
   * Words 0–13 of a zeroed block holding the tail from byte `alignment` and the `0x80` after it. Only for tails that
   * fit one block.
   */
  aligned(alignment: number): number[] {
    let packed = this.#aligned[alignment]
    if (packed === undefined) {
      packed = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
      const { text, length } = this
      // ASCII text is its own bytes; other text is encoded into the shared buffer and read from there at once.
      const ascii = length === text.length
      if (!ascii) encodeUtf8Into(text, bufferFor(text))
      for (let i = 0; i < length; i++) {
        const at = alignment + i
        packed[at >> 2]! |= (ascii ? text.charCodeAt(i) : buffer[i]!) << ((at & 3) << 3)
      }
      const end = alignment + length
      packed[end >> 2]! |= 0x80 << ((end & 3) << 3)
      this.#aligned[alignment] = packed
    }
    return packed
  }
}

/** Fast path for the usual bucketing key: an ASCII `head` and a `tail` that fit one block with the padding. */
function hashShortKey(head: string, tail: HashTail): boolean {
  const headLength = head.length
  const length = headLength + tail.length
  if (length > 55) return false
  // Four characters make a little-endian word; each word is written once.
  let word = 0
  for (let i = 0; i < headLength; i++) {
    const code = head.charCodeAt(i)
    if (code >= 0x80) return false
    word |= code << ((i & 3) << 3)
    if ((i & 3) === 3) {
      words[i >> 2] = word
      word = 0
    }
  }
  const base = headLength >> 2
  const aligned = tail.aligned(headLength & 3)
  words[base] = word | aligned[0]!
  for (let i = base + 1; i < 14; i++) words[i] = aligned[i - base]!
  words[14] = length << 3
  words[15] = 0
  compress()
  return true
}

/** The shared byte buffer, grown to hold `text` encoded with a block of padding. */
function bufferFor(text: string): Uint8Array {
  const needed = text.length * 3 + 72
  if (buffer.length < needed) buffer = new Uint8Array(needed * 2)
  return buffer
}

/** Hashes `text` by way of the byte buffer: any length, any characters. */
function hashBytes(text: string): void {
  const length = encodeUtf8Into(text, bufferFor(text))
  const padded = (((length + 8) >>> 6) + 1) * 64
  buffer[length] = 0x80
  buffer.fill(0, length + 1, padded - 8)
  const bitsLow = (length << 3) >>> 0
  const bitsHigh = Math.floor(length / 0x20000000)
  for (let i = 0; i < 4; i++) {
    buffer[padded - 8 + i] = (bitsLow >>> (8 * i)) & 0xff
    buffer[padded - 4 + i] = (bitsHigh >>> (8 * i)) & 0xff
  }
  for (let offset = 0; offset < padded; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const p = offset + i * 4
      words[i] = buffer[p]! | (buffer[p + 1]! << 8) | (buffer[p + 2]! << 16) | (buffer[p + 3]! << 24)
    }
    compress()
  }
}

function reset(): void {
  state[0] = 0x67452301
  state[1] = 0xefcdab89 | 0
  state[2] = 0x98badcfe | 0
  state[3] = 0x10325476
}

const NO_TAIL = /* @__PURE__ */ new HashTail('')

/**
 * @internal Computes the MD5 digest of the UTF-8 encoding of `head` followed by `tail` as its four little-endian state
 * words (A, B, C, D). The returned array is shared and overwritten by the next call: read it at once.
 */
export function md5Words(head: string, tail: HashTail = NO_TAIL): Int32Array {
  reset()
  if (!hashShortKey(head, tail)) {
    reset()
    hashBytes(head + tail.text)
  }
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
