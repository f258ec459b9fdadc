import { cpus, loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'
import { forkWorker } from '../fork-worker.mjs'
import { formatNumber, printTable } from '../print-table.mjs'

/** What `node run.mjs --list` shows for this suite. */
export const description = 'core-engine vs flagsmith-nodejs local evaluation (offline mode), one process per size'

/** Workspaces this suite imports from their built `dist`; run.mjs builds them first. */
export const builds = ['packages/core-engine']

const worker = new URL('../workers/engine-worker.mjs', import.meta.url)

const metrics = [
  { key: 'identityFlags', label: 'getIdentityFlags, ops/s', higherIsBetter: true },
  { key: 'identityFlag', label: 'one flag for an identity, ops/s', higherIsBetter: true },
  { key: 'environmentFlags', label: 'getEnvironmentFlags, ops/s', higherIsBetter: true },
  { key: 'compile', label: 'compile / initialise, ms per document', higherIsBetter: false },
  { key: 'heap', label: 'retained heap, KiB per document', higherIsBetter: false },
]

function valuesOf(result, key) {
  if (key === 'heap') return { vexil: result.heap.vexil / 1024, official: result.heap.official / 1024 }
  const measured = result.throughput[key]
  // Compile throughput is reported as time per document, which reads more naturally.
  return key === 'compile' ? { vexil: 1000 / measured.vexil, official: 1000 / measured.official } : measured
}

/**
 * Runs one worker process per benchmark size, sequentially, and prints one table. Rejects if a worker fails.
 */
export async function run({ generatorPath, seed, durationMs, rounds }) {
  const { benchSizes, benchIdentityCount } = await import(pathToFileURL(generatorPath).href)
  const rows = [['size / metric', 'Vexil', 'flagsmith-nodejs', 'Vexil ÷ official', '']]
  for (const [index, size] of benchSizes.entries()) {
    const label = `${size.features} features / ${size.segments} segments`
    process.stdout.write(`  measuring ${label}…\n`)
    const result = await forkWorker(worker, [
      '--generator',
      generatorPath,
      '--size',
      String(index),
      '--seed',
      String(seed),
      '--duration',
      String(durationMs),
      '--rounds',
      String(rounds),
    ])
    rows.push([`${label} (${formatNumber(result.bytes / 1024)} KiB JSON)`, '', '', '', ''])
    for (const metric of metrics) {
      const { vexil, official } = valuesOf(result, metric.key)
      const ratio = vexil / official
      const better = metric.higherIsBetter ? ratio >= 1 : ratio <= 1
      rows.push([
        `  ${metric.label}`,
        formatNumber(vexil),
        formatNumber(official),
        `${formatNumber(ratio)}×`,
        better ? 'better' : 'WORSE',
      ])
    }
  }
  printTable(
    `core-engine vs flagsmith-nodejs — seed ${seed}, ${formatNumber(benchIdentityCount)} identities, ` +
      `median of ${rounds} alternating rounds of ${durationMs} ms, ${cpus().length} CPUs, ` +
      `load average ${loadavg()[0].toFixed(2)}`,
    rows,
  )
}
