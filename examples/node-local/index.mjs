// Evaluates examples/demo-environment.json locally for three users and prints each user's flags with the reason.
import { readFileSync } from 'node:fs'
import { compileEnvironment } from '@vexil/core-engine'

const documentUrl = new URL('../demo-environment.json', import.meta.url)
const environment = compileEnvironment(JSON.parse(readFileSync(documentUrl, 'utf8')))

const users = [
  { identifier: 'visitor-1138', traits: { plan: 'free' } },
  { identifier: 'jane@example.com', traits: { plan: 'pro', email: 'jane@example.com' } },
  { identifier: 'vip-customer-42', traits: { plan: 'pro', email: 'dev@acme.io', beta_tester: true } },
]

const shorten = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}…` : text)
// The last column is not cut: reasons name segments, and a cut name is no help.
const row = (cells, widths) =>
  cells
    .map((cell, i) => (i < widths.length ? shorten(cell, widths[i]).padEnd(widths[i]) : cell))
    .join('  ')
    .trimEnd()
// Strings as they are (most values are), anything else as JSON, and no value as a dash.
const formatValue = (value) => (value === null ? '-' : typeof value === 'string' ? value : JSON.stringify(value))

function renderFlagsTable(flags) {
  const widths = [20, 7, 44]
  const lines = [
    row(['flag', 'enabled', 'value', 'reason'], widths),
    row([...widths.map((w) => '-'.repeat(w)), '-'.repeat(30)], widths),
  ]
  for (const flag of Object.values(flags)) {
    lines.push(row([flag.name, flag.enabled ? 'on' : 'off', formatValue(flag.value), flag.reason], widths))
  }
  return lines.join('\n')
}

console.log(`Environment "${environment.name}": ${environment.featureNames.length} flags, evaluated in-process.\n`)
for (const { identifier, traits } of users) {
  const { flags, segments } = environment.getIdentityFlags(identifier, traits)
  const segmentNames = segments.map((segment) => segment.name).join(', ') || 'none'
  console.log(`${identifier}  traits ${JSON.stringify(traits)}  segments: ${segmentNames}`)
  console.log(renderFlagsTable(flags))
  console.log()
}
