// An app server that evaluates flags per request, in-process, from a document kept fresh over SSE.
import { createServer } from 'node:http'
import { Flagsmith } from '@vexil/node-sdk'

/** Starts the app on 127.0.0.1; `GET /?user=<id>&plan=<plan>&beta=1` answers with that user's flags as JSON. */
export async function startNodeServer({ apiUrl, serverKey, realtimeUrl, port = 0 }) {
  const flagsmith = new Flagsmith({
    environmentKey: serverKey,
    apiUrl,
    enableLocalEvaluation: true,
    realtime: true,
    realtimeUrl,
  })
  await flagsmith.ready({ timeoutMs: 10_000 })

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const user = url.searchParams.get('user')
    const traits = {}
    if (url.searchParams.has('plan')) traits.plan = url.searchParams.get('plan')
    if (url.searchParams.has('email')) traits.email = url.searchParams.get('email')
    if (url.searchParams.get('beta') === '1') traits.beta_tester = true
    // Local evaluation is synchronous once ready: no request leaves this process per page view.
    const flags = user ? flagsmith.getIdentityFlagsSync(user, traits) : flagsmith.getEnvironmentFlagsSync()
    const body = {
      user,
      traits,
      flags: Object.fromEntries(flags.allFlags().map((flag) => [flag.featureName, { enabled: flag.enabled, value: flag.value }])),
    }
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(`${JSON.stringify(body, null, 2)}\n`)
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: actualPort } = server.address()
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    flagsmith,
    async close() {
      await new Promise((resolve) => server.close(resolve))
      await flagsmith.close()
    },
  }
}
