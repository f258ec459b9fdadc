/**
 * @internal Orders strings by code point, as Python does; JavaScript's `<` orders UTF-16 code units, which differs when
 * a character outside the Basic Multilingual Plane meets one in U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const xIsSurrogate = x >= 0xd800 && x <= 0xdfff
    const yIsSurrogate = y >= 0xd800 && y <= 0xdfff
    if (xIsSurrogate !== yIsSurrogate && (x >= 0xe000 || y >= 0xe000)) return xIsSurrogate ? 1 : -1
    return x < y ? -1 : 1
  }
  return a.length - b.length
}

/**
 * @internal Python's `%` on floats: the remainder takes the sign of the divisor. `NaN` where Python would raise
 * (division by zero) so that no comparison with it holds.
 */
export function pythonModulo(dividend: number, divisor: number): number {
  if (divisor === 0) return Number.NaN
  const remainder = dividend % divisor
  return remainder !== 0 && remainder < 0 !== divisor < 0 ? remainder + divisor : remainder
}
