import { fork } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { formatNumber, printTable } from '../print-table.mjs'

/** What `node run.mjs --list` shows for this suite. */
export const description = 'edge-proxy on loopback under autocannon: POST identities/ on 200 features / 50 segments'

/** Workspaces this suite imports from their built `dist`; run.mjs builds them first. */
export const builds = ['packages/core-engine', 'packages/edge-proxy']

const worker = new URL('../workers/edge-proxy-worker.mjs', import.meta.url)
const size = { features: 200, segments: 50, identityOverrides: 100 }
// Each load run is bounded in time; the warm-up lets the JIT settle and is not reported.
const seconds = { warmUp: 1, identities: 5, flags: 3 }
const connections = 10

function startWorker(args) {
  return new Promise((resolve, reject) => {
    const child = fork(worker, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    child.once('message', (ready) => resolve({ child, ...ready }))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`edge-proxy worker exited with code ${code} before it was ready`)))
  })
}

function stopWorker(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.disconnect()
  })
}

async function load({ url, clientKey, duration, method, path, bodies }) {
  let next = 0
  const result = await autocannon({
    url,
    connections,
    duration,
    headers: { 'X-Environment-Key': clientKey, 'Content-Type': 'application/json' },
    requests: [
      {
        method,
        path,
        // Identities are visited in turn, so no single identity's evaluation stays hot in a cache.
        ...(bodies ? { setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) } : {}),
      },
    ],
  })
  const failed = result.errors + result.timeouts + result.non2xx
  if (failed > 0) throw new Error(`${method} ${path}: ${failed} of ${result.requests.total} requests failed`)
  return result
}

/** Starts the proxy in a worker process, loads it with autocannon from this one, and prints one table. */
export async function run({ generatorPath, seed }) {
  const { benchIdentityCount, generateIdentities } = await import(pathToFileURL(generatorPath).href)
  const bodies = generateIdentities({ seed, count: benchIdentityCount }).map(({ identifier, traits }) =>
    JSON.stringify({
      identifier,
      traits: Object.entries(traits).map(([key, value]) => ({ trait_key: key, trait_value: value })),
    }),
  )
  const { child, url, clientKey, bytes } = await startWorker([
    ...['--generator', generatorPath, '--seed', String(seed)],
    ...['--features', String(size.features), '--segments', String(size.segments)],
    ...['--identity-overrides', String(size.identityOverrides), '--identity-count', String(benchIdentityCount)],
  ])
  try {
    const identities = { url, clientKey, method: 'POST', path: '/api/v1/identities/', bodies }
    process.stdout.write(`  warming up for ${seconds.warmUp} s…\n`)
    await load({ ...identities, duration: seconds.warmUp })
    process.stdout.write(`  POST identities/ for ${seconds.identities} s…\n`)
    const posted = await load({ ...identities, duration: seconds.identities })
    process.stdout.write(`  GET flags/ for ${seconds.flags} s…\n`)
    const flags = await load({ url, clientKey, method: 'GET', path: '/api/v1/flags/', duration: seconds.flags })

    const rows = [['request', 'requests/s', 'p50 ms', 'p99 ms', 'max ms', 'requests']]
    for (const [label, result] of [
      ['POST identities/ (10,000 identities in turn)', posted],
      ['GET flags/', flags],
    ]) {
      rows.push([
        label,
        formatNumber(result.requests.average),
        formatNumber(result.latency.p50),
        formatNumber(result.latency.p99),
        formatNumber(result.latency.max),
        formatNumber(result.requests.total),
      ])
    }
    printTable(
      `edge-proxy on loopback — seed ${seed}, ${size.features} features / ${size.segments} segments ` +
        `(${formatNumber(bytes / 1024)} KiB JSON), autocannon ${connections} connections, ` +
        `${cpus().length} CPUs shared by proxy and load generator, load average ${loadavg()[0].toFixed(2)}`,
      rows,
    )
  } finally {
    await stopWorker(child)
  }
}
