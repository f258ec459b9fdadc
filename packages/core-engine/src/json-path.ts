/** @internal A parsed JSONPath: the member names and array indexes to follow from the root. */
export type JsonPath = readonly (string | number)[]

// RFC 9535 member-name-shorthand: ALPHA / "_" / non-ASCII first, then also DIGIT.
const SHORTHAND = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/
const INDEX = /^-?(?:0|[1-9][0-9]*)/
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '/': '/', '\\': '\\' }

function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text[start]
  let value = ''
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!
    if (char === quote) return { value, end: i + 1 }
    if (char !== '\\') {
      value += char
      continue
    }
    const next = text[++i]
    if (next === quote) value += next
    else if (next !== undefined && next in ESCAPES) value += ESCAPES[next]
    else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 1, i + 5))) {
      value += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 5), 16))
      i += 4
    } else return undefined
  }
  return undefined
}

function skipBlanks(text: string, at: number): number {
  let i = at
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++
  return i
}

/**
 * @internal Parses the JSONPath subset Flagsmith conditions use (`$.a.b`, `$['a b']`, `$.list[0]`): singular
 * queries only. Returns `undefined` for anything else, which the caller then treats as a trait name.
 */
export function parseJsonPath(text: string): JsonPath | undefined {
  if (!text.startsWith('$')) return undefined
  const path: (string | number)[] = []
  let i = 1
  while (i < text.length) {
    if (text[i] === '.') {
      const name = SHORTHAND.exec(text.slice(i + 1))
      if (!name) return undefined
      path.push(name[0])
      i += 1 + name[0].length
    } else if (text[i] === '[') {
      i = skipBlanks(text, i + 1)
      const char = text[i]
      if (char === "'" || char === '"') {
        const quoted = readQuoted(text, i)
        if (!quoted) return undefined
        path.push(quoted.value)
        i = quoted.end
      } else {
        const index = INDEX.exec(text.slice(i))
        if (!index) return undefined
        path.push(Number(index[0]))
        i += index[0].length
      }
      i = skipBlanks(text, i)
      if (text[i] !== ']') return undefined
      i++
    } else return undefined
  }
  return path.length > 0 ? path : undefined
}

/** @internal Follows `path` from `root`; own properties only, so `constructor` or `__proto__` find nothing inherited. */
export function readJsonPath(root: unknown, path: JsonPath, from = 0): unknown {
  let node = root
  for (let i = from; i < path.length; i++) {
    const step = path[i]!
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined
      node = node[step < 0 ? node.length + step : step]
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, step)) {
        return undefined
      }
      node = (node as Record<string, unknown>)[step]
    }
  }
  return node
}
