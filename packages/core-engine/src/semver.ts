/** @internal A parsed semantic version; build metadata does not take part in comparisons. */
export interface Semver {
  major: bigint
  minor: bigint
  patch: bigint
  prerelease: string
}

// The grammar of Python's `semver.Version.parse`, which Flagsmith's engine uses: numeric parts without leading zeros,
// dot-separated prerelease identifiers, build metadata; `$` also accepts a final newline there.
const SEMVER =
  /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\n?$/

/** @internal Parses a semantic version, or returns `undefined` when Python's semver would raise. */
export function parseSemver(text: string): Semver | undefined {
  const match = SEMVER.exec(text)
  if (!match) return undefined
  return { major: BigInt(match[1]!), minor: BigInt(match[2]!), patch: BigInt(match[3]!), prerelease: match[4] ?? '' }
}

function sign(a: bigint | number | string, b: bigint | number | string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const DIGITS = /^[0-9]+$/

function comparePrerelease(a: string, b: string): number {
  const partsA = a.split('.')
  const partsB = b.split('.')
  const shared = Math.min(partsA.length, partsB.length)
  for (let i = 0; i < shared; i++) {
    const x = partsA[i]!
    const y = partsB[i]!
    const xIsNumber = DIGITS.test(x)
    const yIsNumber = DIGITS.test(y)
    const order = xIsNumber && yIsNumber ? sign(BigInt(x), BigInt(y)) : xIsNumber ? -1 : yIsNumber ? 1 : sign(x, y)
    if (order !== 0) return order
  }
  // Python's semver breaks a tie on the lengths of the whole strings, not on the number of parts.
  return sign(a.length, b.length)
}

/** @internal Orders two versions by semver precedence: negative, zero or positive. */
export function compareSemver(a: Semver, b: Semver): number {
  const core = sign(a.major, b.major) || sign(a.minor, b.minor) || sign(a.patch, b.patch)
  if (core !== 0) return core
  const order = comparePrerelease(a.prerelease, b.prerelease)
  if (order === 0) return 0
  if (a.prerelease === '') return 1
  if (b.prerelease === '') return -1
  return order
}
