/**
 * @internal Writes the UTF-8 encoding of `text` into `target` from offset 0 and returns the byte count.
 * `target` must hold at least `text.length * 3` bytes. A lone surrogate is encoded as U+FFFD, as `TextEncoder` does
 * (Python would raise instead; Vexil never throws on a read).
 */
export function encodeUtf8Into(text: string, target: Uint8Array): number {
  let n = 0
  const length = text.length
  for (let i = 0; i < length; i++) {
    let code = text.charCodeAt(i)
    if (code < 0x80) {
      target[n++] = code
      continue
    }
    if (code < 0x800) {
      target[n++] = 0xc0 | (code >> 6)
      target[n++] = 0x80 | (code & 0x3f)
      continue
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < length ? text.charCodeAt(i + 1) : 0
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
        i++
        target[n++] = 0xf0 | (code >> 18)
        target[n++] = 0x80 | ((code >> 12) & 0x3f)
        target[n++] = 0x80 | ((code >> 6) & 0x3f)
        target[n++] = 0x80 | (code & 0x3f)
        continue
      }
      code = 0xfffd
    }
    target[n++] = 0xe0 | (code >> 12)
    target[n++] = 0x80 | ((code >> 6) & 0x3f)
    target[n++] = 0x80 | (code & 0x3f)
  }
  return n
}
