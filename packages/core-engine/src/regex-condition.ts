import { RE2JS } from 're2js'

/**
 * Whether a backtracking engine runs `pattern` in time linear in the value's length (times the pattern's): no
 * quantified group, no backreference and at most one unbounded quantifier. Conservative: `{…}` counts as unbounded.
 */
function isLinearWhenBacktracking(pattern: string): boolean {
  let unbounded = 0
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]
    if (char === '\\') {
      const next = pattern[i + 1] ?? ''
      if (next >= '1' && next <= '9') return false
      i++
    } else if (inClass) {
      if (char === ']') inClass = false
    } else if (char === '[') {
      // `[]…]` and `[^]…]` read differently in Python and JavaScript: leave them to RE2.
      if (pattern[i + 1] === ']' || pattern.startsWith('^]', i + 1)) return false
      inClass = true
    } else if (char === '*' || char === '+' || char === '{') {
      unbounded++
    } else if (char === ')' && '*+?{'.includes(pattern[i + 1] ?? '_')) {
      return false
    }
  }
  return unbounded <= 1 && !inClass
}

function compileNative(pattern: string): RegExp | undefined {
  if (!isLinearWhenBacktracking(pattern)) return undefined
  try {
    // Unicode mode: code points like Python's str, and unknown escapes such as `\A` are errors instead of letters.
    return new RegExp(pattern, 'uy')
  } catch {
    return undefined
  }
}

function compileRe2(pattern: string): RE2JS | undefined {
  try {
    // Compiled alone first so an unbalanced `)` cannot turn the wrapped pattern into something else.
    RE2JS.compile(pattern)
    return RE2JS.compile(`^(?:${pattern})`)
  } catch {
    return undefined
  }
}

/**
 * @internal A REGEX condition's pattern as a matcher with Python's `re.match` semantics (anchored at the start of the
 * value, not at its end) that cannot hang the host. Patterns a backtracking engine runs in linear time use
 * JavaScript's engine (sticky, so anchored); every other pattern runs on RE2, linear in the value's length, so
 * `^(a+)+$` returns at once. A pattern neither accepts (backreferences, invalid syntax) never matches.
 */
export class RegexCondition {
  readonly #pattern: string
  // Compiled on first use: many segments are never reached by any identity, and RE2 programs are large.
  #native: RegExp | undefined
  #re2: RE2JS | undefined
  #compiled = false

  constructor(pattern: string) {
    this.#pattern = pattern
  }

  test(value: string): boolean {
    if (!this.#compiled) {
      this.#compiled = true
      this.#native = compileNative(this.#pattern)
      if (!this.#native) this.#re2 = compileRe2(this.#pattern)
    }
    if (this.#native) {
      this.#native.lastIndex = 0
      return this.#native.test(value)
    }
    return this.#re2?.test(value) === true
  }
}
