import { Flagsmith, type FlagsmithConfig, type FlagsmithEvent } from '@vexil/node-sdk'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { environmentFlagsResponse } from './support/api-responses'
import { API_URL, CLIENT_KEY, documentWithBanner, fixtureDocument, SERVER_KEY, waitFor } from './support/fixture'
import { createMemoryLogger } from './support/memory-logger'
import { useMswServer } from './support/msw-server'

const { server, requests } = useMswServer()
const REALTIME_URL = 'http://realtime.test/'
const STREAM_URL = `${REALTIME_URL}sse/environments/${CLIENT_KEY}/stream`
// The fixture's updated_at, 2025-03-01T10:00:00Z, in epoch seconds.
const FIXTURE_UPDATED_AT = Date.UTC(2025, 2, 1, 10) / 1000
const encoder = new TextEncoder()

const clients: Flagsmith[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

function createClient(options: Partial<FlagsmithConfig>) {
  const client = new Flagsmith({
    apiUrl: API_URL,
    realtime: true,
    realtimeUrl: REALTIME_URL,
    fetch: globalThis.fetch,
    retries: 0,
    logger: createMemoryLogger(),
    // Reconnects without delay: full jitter times zero.
    random: () => 0,
    // Long enough that nothing in these tests comes from polling.
    environmentRefreshIntervalSeconds: 3600,
    ...options,
  })
  clients.push(client)
  return client
}

/** An msw event stream; every connection is kept so a test can push events into it or drop it. */
function serveStream() {
  const connections: ReadableStreamDefaultController<Uint8Array>[] = []
  server.use(
    http.get(STREAM_URL, () => {
      const body = new ReadableStream<Uint8Array>({ start: (controller) => void connections.push(controller) })
      return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } })
    }),
  )
  const latest = () => connections[connections.length - 1]!
  return {
    connections,
    send: (data: string) => latest().enqueue(encoder.encode(`event: environment_updated\ndata: ${data}\n\n`)),
    drop: () => latest().error(new Error('connection reset')),
  }
}

function serveDocuments(...documents: ReturnType<typeof fixtureDocument>[]) {
  let index = 0
  server.use(
    http.get(`${API_URL}environment-document/`, () =>
      HttpResponse.json(documents[Math.min(index++, documents.length - 1)]),
    ),
  )
}

const count = (suffix: string) => requests.filter((request) => request.url.pathname.endsWith(suffix)).length

describe('realtime', () => {
  it('refetches the document only for events newer than the one held', async () => {
    serveDocuments(fixtureDocument(), documentWithBanner('Pushed'))
    const stream = serveStream()
    const client = createClient({ environmentKey: SERVER_KEY, enableLocalEvaluation: true })
    await client.ready()
    await waitFor(() => stream.connections.length === 1)
    stream.send(JSON.stringify({ updated_at: FIXTURE_UPDATED_AT }))
    stream.send(JSON.stringify({ updated_at: FIXTURE_UPDATED_AT - 60 }))
    stream.send(JSON.stringify({ updated_at: FIXTURE_UPDATED_AT + 0.5 }))
    await waitFor(() => client.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'Pushed')
    stream.send(JSON.stringify({ updated_at: FIXTURE_UPDATED_AT + 0.5 }))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(count('/environment-document/')).toBe(2)
  })

  it('refetches when the event data cannot be read', async () => {
    serveDocuments(fixtureDocument(), documentWithBanner('After garbage'))
    const stream = serveStream()
    const client = createClient({ environmentKey: SERVER_KEY, enableLocalEvaluation: true })
    await client.ready()
    await waitFor(() => stream.connections.length === 1)
    stream.send('not json')
    await waitFor(() => client.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'After garbage')
  })

  it('reconnects after the stream drops and refetches what it may have missed', async () => {
    serveDocuments(fixtureDocument(), documentWithBanner('Missed while away'))
    const stream = serveStream()
    const client = createClient({ environmentKey: SERVER_KEY, enableLocalEvaluation: true })
    await client.ready()
    await waitFor(() => stream.connections.length === 1)
    stream.drop()
    await waitFor(() => stream.connections.length === 2)
    await waitFor(() => client.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'Missed while away')
    stream.send(JSON.stringify({ updated_at: FIXTURE_UPDATED_AT + 10 }))
    await waitFor(() => count('/environment-document/') === 3)
  })

  it.each([401, 404])('stops reconnecting and logs one error when the stream is refused with %i', async (status) => {
    serveDocuments(fixtureDocument())
    server.use(http.get(STREAM_URL, () => new HttpResponse(null, { status })))
    const logger = createMemoryLogger()
    const client = createClient({ environmentKey: SERVER_KEY, enableLocalEvaluation: true, logger })
    await client.ready()
    await waitFor(() => count('/stream') === 1)
    // Reconnects would be immediate (no jitter), so a retry loop would show many attempts by now.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(count('/stream')).toBe(1)
    expect(logger.at('error')).toEqual([expect.stringContaining(`refused with status ${status}`)])
    expect(client.getEnvironmentFlagsSync().getFeatureValue('banner_text')).toBe('Welcome')
  })

  it('keeps reconnecting when the stream is answered with 503', async () => {
    serveDocuments(fixtureDocument())
    let refusals = 0
    const stream = serveStream()
    server.use(http.get(STREAM_URL, () => (++refusals <= 2 ? new HttpResponse(null, { status: 503 }) : undefined)))
    const logger = createMemoryLogger()
    const client = createClient({ environmentKey: SERVER_KEY, enableLocalEvaluation: true, logger })
    await client.ready()
    await waitFor(() => stream.connections.length === 1)
    expect(count('/stream')).toBe(3)
    expect(logger.at('error')).toEqual([])
  })

  it('stops listening on close()', async () => {
    serveDocuments(fixtureDocument())
    const stream = serveStream()
    const client = createClient({ environmentKey: SERVER_KEY, enableLocalEvaluation: true })
    await client.ready()
    await waitFor(() => stream.connections.length === 1)
    await client.close()
    try {
      stream.send(JSON.stringify({ updated_at: FIXTURE_UPDATED_AT + 10 }))
    } catch {
      // The stream may already be torn down; either way no event may reach the client.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(count('/environment-document/')).toBe(1)
    expect(stream.connections).toHaveLength(1)
  })

  it('in remote mode, forgets cached flags on an event and reports changed environment flags', async () => {
    let banner = 'Welcome'
    server.use(
      http.get(`${API_URL}flags/`, () =>
        HttpResponse.json(
          environmentFlagsResponse().map((flag) =>
            flag.feature.name === 'banner_text' ? { ...flag, feature_state_value: banner } : flag,
          ),
        ),
      ),
    )
    const stream = serveStream()
    const client = createClient({ environmentKey: CLIENT_KEY })
    const events: FlagsmithEvent[] = []
    client.subscribe((event) => events.push(event))
    await waitFor(() => stream.connections.length === 1)
    await client.getEnvironmentFlags()
    banner = 'Changed'
    stream.send(JSON.stringify({ updated_at: FIXTURE_UPDATED_AT }))
    await waitFor(() => events.length === 1)
    expect(events[0]).toEqual({ type: 'change', flagsChanged: ['banner_text'] })
    expect((await client.getEnvironmentFlags()).getFeatureValue('banner_text')).toBe('Changed')
    expect(count('/flags/')).toBe(2)
  })
})
