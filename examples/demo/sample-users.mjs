// The users the demo asks the apps about, and how their answers are shown and compared.

/** Three users of the demo environment: a free visitor, a pro customer, and a beta tester with an identity override. */
export const sampleUsers = [
  { user: 'visitor-1138', plan: 'free' },
  { user: 'jane@example.com', plan: 'pro', email: 'jane@example.com' },
  { user: 'vip-customer-42', plan: 'pro', email: 'dev@acme.io', beta: '1' },
]

/** The node-server URL that answers for `sample`, e.g. `http://127.0.0.1:3000/?user=jane&plan=pro`. */
export function sampleUrl(appUrl, sample) {
  const url = new URL(appUrl)
  for (const [name, value] of Object.entries(sample)) url.searchParams.set(name, value)
  return url.href
}

/** Asks the app for every sample user's flags; resolves with `{ [user]: { [flag]: { enabled, value } } }`. */
export async function fetchSamples(appUrl) {
  const answers = await Promise.all(
    sampleUsers.map(async (sample) => {
      const response = await fetch(sampleUrl(appUrl, sample))
      if (!response.ok) throw new Error(`${sampleUrl(appUrl, sample)} answered ${response.status}`)
      return [sample.user, (await response.json()).flags]
    }),
  )
  return Object.fromEntries(answers)
}

const shorten = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}…` : text)

// Remote configs are JSON objects in a string value; their short fields (a model, a temperature) say the most in a
// narrow cell, and differ where the long ones (a prompt) only differ at the end.
function describeConfig(text) {
  let config
  try {
    config = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return undefined
  const fields = Object.entries(config).map(([key, value]) => [
    key,
    typeof value === 'string' ? value : JSON.stringify(value),
  ])
  return fields
    .filter(([, value]) => value.length <= 16)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')
}

/** How a flag reads in a table cell: `off`, `on` (enabled without a value), or its value. */
export function describeFlag(flag) {
  if (!flag) return '(missing)'
  if (!flag.enabled) return 'off'
  if (flag.value === null || flag.value === undefined) return 'on'
  if (typeof flag.value !== 'string') return JSON.stringify(flag.value)
  return (flag.value.startsWith('{') && describeConfig(flag.value)) || flag.value
}

/** Renders the answers as a table: one row per flag, one column per user. */
export function renderSamples(samples) {
  const users = Object.keys(samples)
  const flagNames = [...new Set(users.flatMap((user) => Object.keys(samples[user])))]
  const widths = [18, ...users.map(() => 33)]
  const row = (cells) =>
    cells
      .map((cell, i) => shorten(cell, widths[i]).padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  const lines = [row(['flag', ...users]), row(widths.map((width) => '-'.repeat(width)))]
  for (const name of flagNames) lines.push(row([name, ...users.map((user) => describeFlag(samples[user][name]))]))
  return lines.join('\n')
}

/** Lists what differs between two sets of answers, e.g. `jane@example.com  api_rate_limit: 1000 → 250`. */
export function diffSamples(before, after) {
  const changes = []
  for (const user of Object.keys(after)) {
    const names = new Set([...Object.keys(before[user] ?? {}), ...Object.keys(after[user])])
    for (const name of names) {
      const was = describeFlag(before[user]?.[name])
      const now = describeFlag(after[user][name])
      if (was !== now) changes.push(`${user}  ${name}: ${shorten(was, 40)} → ${shorten(now, 40)}`)
    }
  }
  return changes
}
