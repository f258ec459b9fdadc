import { IntegralFloat } from './integral-float'

/** @internal Formats a float the way Python's `repr(float)` does: `2.0`, `1e+16`, `1.5e-05`, `nan`, `inf`. */
export function formatPythonFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan'
  if (n === Number.POSITIVE_INFINITY) return 'inf'
  if (n === Number.NEGATIVE_INFINITY) return '-inf'
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0'
  // toExponential() yields the same shortest round-trip digits as Python's repr; only the layout differs.
  const [mantissa = '', exponentText = '0'] = n.toExponential().split('e')
  const exponent = Number(exponentText)
  const digits = mantissa.replace('-', '').replace('.', '')
  const sign = n < 0 ? '-' : ''
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
      return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  return `${sign}${head}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`
}

/** @internal Formats an integer the way Python's `str(int)` does, digit for digit (no exponent, no `-0`). */
export function formatPythonInt(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString()
  if (n === 0) return '0'
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString()
}

function isNonPrintable(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0xa0) ||
    code === 0xad ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202f) ||
    (code >= 0x205f && code <= 0x206f) ||
    code === 0x3000 ||
    (code >= 0xe000 && code <= 0xf8ff) ||
    code === 0xfeff ||
    (code >= 0xfff9 && code <= 0xfffb) ||
    code === 0xfffe ||
    code === 0xffff
  )
}

function escapeCode(code: number): string {
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`
  return `\\U${code.toString(16).padStart(8, '0')}`
}

/** Python's `repr(str)`; the printable set is approximated for rare Unicode categories. */
function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let out = quote
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (char === '\\') out += '\\\\'
    else if (char === quote) out += `\\${quote}`
    else if (char === '\t') out += '\\t'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (isNonPrintable(code)) out += escapeCode(code)
    else out += char
  }
  return out + quote
}

const MAX_DEPTH = 64

function repr(value: unknown, depth: number): string {
  if (typeof value === 'string') return reprString(value)
  if (depth > MAX_DEPTH) return '...'
  if (Array.isArray(value)) return `[${value.map((item) => repr(item, depth + 1)).join(', ')}]`
  if (typeof value === 'object' && value !== null && !(value instanceof IntegralFloat)) {
    const entries = Object.entries(value).map(([key, item]) => `${reprString(key)}: ${repr(item, depth + 1)}`)
    return `{${entries.join(', ')}}`
  }
  return toPythonString(value)
}

/**
 * @internal Python's `str()` of a JSON value as Flagsmith's engine applies it to IN lists, hashed ids and REGEX
 * subjects: `True`, `None`, `1.0` for the float 1, `{'a': 1}` for objects. Integral JavaScript numbers print as
 * integers because JSON parsing has already erased the difference. Never throws.
 */
export function toPythonString(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value
    case 'boolean':
      return value ? 'True' : 'False'
    case 'number':
      return Number.isInteger(value) ? formatPythonInt(value) : formatPythonFloat(value)
    case 'bigint':
      return value.toString()
    case 'undefined':
      return 'None'
    case 'object':
      if (value === null) return 'None'
      if (value instanceof IntegralFloat) return formatPythonFloat(value.value)
      return repr(value, 0)
    default:
      return String(value)
  }
}
