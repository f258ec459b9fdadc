import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createEdgeProxy } from '@vexil/edge-proxy'
import { Flagsmith } from '@vexil/node-sdk'
import { formatNumber, printTable } from '../print-table.mjs'

/** What `node run.mjs --list` shows for this suite. */
export const description =
  'propagation: document file written → edge-proxy → SSE → node-sdk (local evaluation) serves the new value'

/** Workspaces this suite imports from their built `dist`; run.mjs builds them first. */
export const builds = ['packages/core-engine', 'packages/node-sdk', 'packages/edge-proxy']

const size = { features: 200, segments: 50, identityOverrides: 100 }
const changes = { warmUp: 10, measured: 200 }
const SERVER_KEY = 'ser.propagationBench'
// A change not seen within this long counts as lost and fails the suite: a missing push must not pass as slow.
const lostAfterMs = 5000

const quiet = { debug() {}, info() {}, warn() {}, error: (message, ...details) => console.error(message, ...details) }

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** Resolves with the time at which `client` serves `expected` for `feature`, right after the change that brought it. */
function whenServed(client, feature, expected) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`a change of ${feature} was not seen within ${lostAfterMs} ms`))
    }, lostAfterMs)
    const unsubscribe = client.subscribe((event) => {
      if (event.type !== 'change' || client.getEnvironmentFlagsSync().getFeatureValue(feature) !== expected) return
      const seenAt = performance.now()
      clearTimeout(timer)
      unsubscribe()
      resolve(seenAt)
    })
  })
}

/**
 * Serves a generated document from a file through a real edge proxy on loopback to a node-sdk client with
 * `realtime: true` (polling an hour away), writes the file `changes.measured` times, and times each write until the
 * client serves the new value. Proxy and client share this process, as in a test suite; the proxy's default 5 ms
 * watch debounce is part of every measurement.
 */
export async function run({ generatorPath, seed }) {
  const { generateDocument, benchIdentityCount } = await import(pathToFileURL(generatorPath).href)
  const document = generateDocument({ seed, ...size, identityCount: benchIdentityCount })
  const state = document.feature_states[0]
  const feature = state.feature.name
  const directory = await mkdtemp(join(tmpdir(), 'vexil-bench-propagation-'))
  const path = join(directory, 'environment.json')
  await writeFile(path, JSON.stringify(document))

  const proxy = await createEdgeProxy({ document: path, serverKeys: [SERVER_KEY], port: 0, logger: quiet })
  const client = new Flagsmith({
    environmentKey: SERVER_KEY,
    apiUrl: proxy.apiUrl,
    enableLocalEvaluation: true,
    realtime: true,
    realtimeUrl: `${proxy.url}/`,
    environmentRefreshIntervalSeconds: 3600,
    logger: quiet,
  })
  try {
    await client.ready({ timeoutMs: 10_000 })
    let servedByProxyAt = 0
    proxy.subscribe(() => {
      servedByProxyAt = performance.now()
    })
    const latencies = []
    const proxyLatencies = []
    process.stdout.write(`  ${changes.warmUp} warm-up changes, then ${changes.measured} measured…\n`)
    for (let i = 0; i < changes.warmUp + changes.measured; i++) {
      const value = `propagated-${i}`
      state.feature_state_value = value
      const text = JSON.stringify(document)
      const served = whenServed(client, feature, value)
      const writtenAt = performance.now()
      await writeFile(path, text)
      const seenAt = await served
      if (i >= changes.warmUp) {
        latencies.push(seenAt - writtenAt)
        proxyLatencies.push(servedByProxyAt - writtenAt)
      }
    }
    const rows = [['stage', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'mean ms']]
    for (const [label, values] of [
      ['file written → client serves it', latencies],
      ['  of which: file written → proxy serves it', proxyLatencies],
    ]) {
      values.sort((a, b) => a - b)
      rows.push([
        label,
        ...[50, 90, 99].map((p) => formatNumber(percentile(values, p))),
        formatNumber(values[values.length - 1]),
        formatNumber(values.reduce((sum, value) => sum + value, 0) / values.length),
      ])
    }
    printTable(
      `propagation over SSE on loopback — seed ${seed}, ${size.features} features / ${size.segments} segments, ` +
        `${changes.measured} changes (target p99 < 50 ms), ${cpus().length} CPUs, ` +
        `load average ${loadavg()[0].toFixed(2)}`,
      rows,
    )
  } finally {
    await client.close()
    await proxy.close()
    await rm(directory, { recursive: true, force: true })
  }
}
