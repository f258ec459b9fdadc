// Python's str.strip() whitespace (str.isspace()), which differs from JavaScript's trim() in a few code points.
const PYTHON_SPACE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Python counts these control characters as whitespace.
  /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g
const INT_LITERAL = /^[+-]?[0-9](?:_?[0-9])*$/
const FLOAT_LITERAL =
  /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i

/**
 * @internal Parses `text` as Python's `int(str)` would: surrounding whitespace, a sign, leading zeros and single
 * underscores between digits are accepted. Returns a number when it is exact, a bigint when it is not, `undefined`
 * when Python would raise. Unicode (non-ASCII) digits are not accepted.
 */
export function parsePythonInt(text: string): number | bigint | undefined {
  const trimmed = text.replace(PYTHON_SPACE, '')
  if (!INT_LITERAL.test(trimmed)) return undefined
  const clean = trimmed.replaceAll('_', '')
  if (clean.length <= 16) {
    const n = Number(clean)
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n
  }
  const big = BigInt(clean)
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big
}

/**
 * @internal Parses `text` as Python's `float(str)` would (whitespace, underscores, `inf`, `nan`, exponents), or
 * returns `undefined` where Python would raise.
 */
export function parsePythonFloat(text: string): number | undefined {
  const trimmed = text.replace(PYTHON_SPACE, '')
  const special = SPECIAL_FLOAT.exec(trimmed)
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return Number.NaN
    return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  }
  if (!FLOAT_LITERAL.test(trimmed)) return undefined
  return Number(trimmed.replaceAll('_', ''))
}
