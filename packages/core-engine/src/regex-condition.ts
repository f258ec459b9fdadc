import { RE2JS } from 're2js'

/**
 * @internal Compiles a REGEX condition's pattern into a matcher with Python's `re.match` semantics (anchored at the
 * start of the value, not at its end). Matching runs on RE2, in time linear in the value's length, so a pattern such
 * as `^(a+)+$` cannot hang the host. Returns `undefined` for a pattern RE2 rejects (backreferences, lookaround,
 * invalid syntax): such a condition never matches.
 */
export function compileRegexCondition(pattern: string): (value: string) => boolean {
  // Compiled on first use: RE2 programs are large, and many segments are never reached by any identity.
  let anchored: RE2JS | null | undefined
  return (value) => {
    if (anchored === undefined) {
      try {
        // Compiled alone first so an unbalanced `)` cannot turn the wrapped pattern into something else.
        RE2JS.compile(pattern)
        anchored = RE2JS.compile(`^(?:${pattern})`)
      } catch {
        anchored = null
      }
    }
    return anchored?.test(value) === true
  }
}
