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
 * @internal Compiles a REGEX condition's pattern into a matcher with Python's `re.match` semantics (anchored at the
 * start of the value, not at its end) that cannot hang the host. Patterns a backtracking engine runs in linear time
 * use JavaScript's engine (sticky, so anchored); every other pattern runs on RE2, linear in the value's length, so
 * `^(a+)+$` returns at once. A pattern neither accepts (backreferences, invalid syntax) never matches.
 */
export function compileRegexCondition(pattern: string): (value: string) => boolean {
  // Compiled on first use: many segments are never reached by any identity, and RE2 programs are large.
  let matcher: ((value: string) => boolean) | undefined
  return (value) => {
    if (!matcher) {
      const native = compileNative(pattern)
      const re2 = native ? undefined : compileRe2(pattern)
      matcher = native
        ? (text) => {
            native.lastIndex = 0
            return native.test(text)
          }
        : re2
          ? (text) => re2.test(text)
          : () => false
    }
    return matcher(value)
  }
}
