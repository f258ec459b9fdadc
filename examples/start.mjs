// `npm start`: the demo. Starts the edge proxy on examples/demo-environment.json and the apps that read it, prints
// where they are and what they answer, then shows every edit of the document file reaching the apps live.
// Ctrl-C stops everything. To add an app, add an entry to `apps` below.
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEdgeProxy } from '@vexil/edge-proxy'
import { fetchSamples, renderSamples, sampleUrl, sampleUsers } from './demo/sample-users.mjs'
import { watchLiveChanges } from './demo/watch-live-changes.mjs'
import { startNodeServer } from './node-server/server.mjs'
import { startReactApp } from './react-app/serve.mjs'

const documentPath = fileURLToPath(new URL('./demo-environment.json', import.meta.url))
const shownPath = relative(process.cwd(), documentPath)
/** The demo environment's keys: the document's `api_key` for browsers, a server-side key for local evaluation. */
const keys = { client: 'vexilDemoClientKey0001', server: 'ser.vexilDemoServerKey0001' }

const running = []
let isStopping = false

async function stop(exitCode) {
  if (isStopping) process.exit(exitCode)
  isStopping = true
  for (const service of running.reverse()) {
    await service.close().catch((error) => console.error(`stopping ${service.name}: ${error.message}`))
  }
  process.exit(exitCode)
}
process.once('SIGINT', () => {
  console.log('\nStopping…')
  void stop(0)
})
process.once('SIGTERM', () => void stop(0))

// The usual ports, unless something else holds them: then any free one, so the demo still starts.
async function onPreferredPort(port, listen) {
  try {
    return await listen(port)
  } catch (error) {
    if (error?.code !== 'EADDRINUSE' && error?.cause?.code !== 'EADDRINUSE') throw error
    return listen(0)
  }
}

const print = (line = '') => console.log(line)
const proxyLogger = {
  // The demo narrates new versions itself (watchLiveChanges); the proxy's own line would repeat it.
  info() {},
  warn: (message) => print(`[edge-proxy] warning: ${message}`),
  error: (message, cause) => console.error(`[edge-proxy] error: ${message}`, cause ?? ''),
}

/**
 * The apps the demo runs against the proxy. Each `start` receives the proxy and resolves with
 * `{ url, close(), describe?() }`; `describe` returns lines printed under the app's URL.
 */
const apps = [
  {
    name: 'node-server',
    summary: 'an HTTP app evaluating flags per request with @vexil/node-sdk (local evaluation, realtime)',
    start: (proxy) =>
      onPreferredPort(3000, (port) =>
        startNodeServer({ apiUrl: proxy.apiUrl, environmentKey: keys.server, realtimeUrl: `${proxy.url}/`, port }),
      ),
  },
  {
    name: 'react-app',
    summary: "the React storefront on @vexil/react (browser SDK, realtime), in Vite's dev server: open it",
    start: (proxy) => startReactApp({ apiUrl: proxy.apiUrl }),
  },
]

try {
  const proxy = await onPreferredPort(8000, (port) =>
    createEdgeProxy({ document: documentPath, serverKeys: [keys.server], port, logger: proxyLogger }),
  )
  running.push({ name: 'edge proxy', close: () => proxy.close() })
  print(`\nedge proxy   ${proxy.apiUrl}  serving ${shownPath}`)
  print(`             keys: ${keys.client} (client-side), ${keys.server} (server-side)`)
  print(`             try: curl -H 'X-Environment-Key: ${keys.client}' ${proxy.apiUrl}flags/`)

  const started = {}
  for (const app of apps) {
    const service = await app.start(proxy)
    running.push({ name: app.name, close: () => service.close() })
    started[app.name] = service
    print(`${app.name.padEnd(12)} ${service.url}  ${app.summary}`)
    for (const line of service.describe?.() ?? []) print(`             ${line}`)
  }

  const appUrl = started['node-server'].url
  print(`             try: curl '${sampleUrl(appUrl, sampleUsers[1])}'`)
  const initial = await fetchSamples(appUrl)
  print('\nWhat node-server answers for three users:\n')
  print(renderSamples(initial))
  watchLiveChanges({ proxy, appUrl, initial, print })
  print(`\nEdit ${shownPath} and save (e.g. change api_rate_limit's "feature_state_value": 100 to 250, or turn`)
  print('maintenance_mode on): the change reaches node-server over SSE and shows up here. Ctrl-C stops the demo.')
} catch (error) {
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`)
  await stop(1)
}
