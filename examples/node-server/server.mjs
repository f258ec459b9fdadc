// An app server that evaluates flags per request, in-process, from an environment document kept fresh over SSE.
import { createServer } from 'node:http'
import { Flagsmith } from '@vexil/node-sdk'

/** Reads the user and their traits from the query string: `?user=<id>&plan=<plan>&email=<email>&beta=1`. */
export function userFromQuery(searchParams) {
  const traits = {}
  if (searchParams.has('plan')) traits.plan = searchParams.get('plan')
  if (searchParams.has('email')) traits.email = searchParams.get('email')
  if (searchParams.get('beta') === '1') traits.beta_tester = true
  return { identifier: searchParams.get('user') || undefined, traits }
}

/**
 * Starts the app on `host:port` (port 0 picks a free one). `GET /?user=<id>&plan=<plan>` answers with that user's
 * flags as JSON; without `user`, the environment's flags. Rejects if the port is taken.
 */
export async function startNodeServer({ apiUrl, environmentKey, realtimeUrl, port = 0, host = '127.0.0.1' }) {
  // The same options as the official flagsmith-nodejs client, plus `realtime`: the document is pushed, not polled.
  const flagsmith = new Flagsmith({ environmentKey, apiUrl, enableLocalEvaluation: true, realtime: true, realtimeUrl })
  // In local evaluation the first read waits for the environment document; every later read stays in-process.
  await flagsmith.getEnvironmentFlags()

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname !== '/') {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end('{"error":"try /?user=jane&plan=pro"}\n')
      return
    }
    const { identifier, traits } = userFromQuery(url.searchParams)
    // Reads never throw: if the proxy is down, the last document (or the default flags) answers.
    const flags = identifier
      ? await flagsmith.getIdentityFlags(identifier, traits)
      : await flagsmith.getEnvironmentFlags()
    const body = {
      user: identifier ?? null,
      traits,
      flags: Object.fromEntries(
        flags.allFlags().map((flag) => [flag.featureName, { enabled: flag.enabled, value: flag.value }]),
      ),
    }
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(`${JSON.stringify(body, null, 2)}\n`)
  })
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, resolve)
    })
  } catch (error) {
    await flagsmith.close()
    throw error
  }
  const address = server.address()
  let closing
  return {
    url: `http://${host}:${address.port}/`,
    flagsmith,
    close() {
      closing ??= (async () => {
        await new Promise((resolve) => {
          server.close(resolve)
          server.closeAllConnections()
        })
        await flagsmith.close()
      })()
      return closing
    },
  }
}
