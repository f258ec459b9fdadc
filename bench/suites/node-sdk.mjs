import { cpus, loadavg } from 'node:os'
import { forkWorker } from '../fork-worker.mjs'
import { formatNumber, printTable } from '../print-table.mjs'

/** What `node run.mjs --list` shows for this suite. */
export const description =
  'node-sdk vs flagsmith-nodejs clients, local evaluation (offline mode), 200 features / 50 segments'

/** Workspaces this suite imports from their built `dist`; run.mjs builds them first. */
export const builds = ['packages/core-engine', 'packages/node-sdk']

const worker = new URL('../workers/node-sdk-worker.mjs', import.meta.url)

const metrics = [
  { key: 'identityFlags', label: 'await getIdentityFlags + one read, ops/s' },
  { key: 'identityFlagsSync', label: 'getIdentityFlagsSync + one read (official: await), ops/s' },
  { key: 'environmentFlags', label: 'await getEnvironmentFlags + one read, ops/s' },
]

/** Runs the worker process and prints one table. Rejects if the worker fails. */
export async function run({ generatorPath, seed, durationMs, rounds }) {
  process.stdout.write('  measuring…\n')
  const result = await forkWorker(worker, [
    ...['--generator', generatorPath, '--seed', String(seed)],
    ...['--duration', String(durationMs), '--rounds', String(rounds)],
  ])
  const rows = [['metric', 'Vexil', 'flagsmith-nodejs', 'Vexil ÷ official']]
  for (const metric of metrics) {
    const { vexil, official } = result.throughput[metric.key]
    rows.push([metric.label, formatNumber(vexil), formatNumber(official), `${formatNumber(vexil / official)}×`])
  }
  printTable(
    `node-sdk vs flagsmith-nodejs clients — seed ${seed}, ${result.size.features} features / ` +
      `${result.size.segments} segments, median of ${rounds} alternating rounds of ${durationMs} ms, ` +
      `${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}`,
    rows,
  )
}
