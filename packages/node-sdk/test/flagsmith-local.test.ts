import { compileEnvironment, type EnvironmentDocument, parseFlagsSnapshot } from '@vexil/core-engine'
import { DefaultFlag, Flagsmith, type FlagsmithConfig, type FlagsmithEvent, LocalFileHandler } from '@vexil/node-sdk'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collectGarbage } from './support/collect-garbage'
import {
  API_URL,
  CLIENT_KEY,
  documentWithBanner,
  FIXTURE_PATH,
  fixtureDocument,
  SERVER_KEY,
  waitFor,
} from './support/fixture'
import { createMemoryLogger } from './support/memory-logger'
import { useMswServer } from './support/msw-server'

const { server, requests } = useMswServer()
const DOCUMENT_URL = `${API_URL}environment-document/`
const clients: Flagsmith[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

function createClient(options: Partial<FlagsmithConfig> = {}) {
  const logger = createMemoryLogger()
  const client = new Flagsmith({
    environmentKey: SERVER_KEY,
    apiUrl: API_URL,
    enableLocalEvaluation: true,
    fetch: globalThis.fetch,
    retries: 0,
    logger,
    random: () => 0,
    ...options,
  })
  clients.push(client)
  return { client, logger }
}

/** Serves the documents in turn (the last one repeats); a number is answered as that status. */
function serveDocuments(...answers: (EnvironmentDocument | number | string)[]) {
  let index = 0
  server.use(
    http.get(DOCUMENT_URL, () => {
      const answer = answers[Math.min(index++, answers.length - 1)]
      if (typeof answer === 'number') return new HttpResponse(null, { status: answer })
      if (typeof answer === 'string')
        return new HttpResponse(answer, { headers: { 'Content-Type': 'application/json' } })
      return HttpResponse.json(answer)
    }),
  )
}

const documentRequests = () => requests.filter((request) => request.url.pathname.endsWith('/environment-document/'))

describe('Flagsmith in local evaluation mode', () => {
  it('evaluates identities in-process from one fetched document, overrides and segments included', async () => {
    serveDocuments(fixtureDocument())
    const { client } = createClient()
    const vip = await client.getIdentityFlags('vip-user')
    const pro = await client.getIdentityFlags('someone', { plan: 'pro' })
    const environment = await client.getEnvironmentFlags()
    expect(vip.getFeatureValue('banner_text')).toBe('Hello, VIP')
    expect(vip.isFeatureEnabled('dark_mode')).toBe(true)
    expect(pro.getFeatureValue('max_upload_mb')).toBe(250)
    expect(environment.getFeatureValue('banner_text')).toBe('Welcome')
    expect(documentRequests()).toHaveLength(1)
    expect(requests[0]?.headers.get('x-environment-key')).toBe(SERVER_KEY)
  })

  it('gives the same flags as the engine for the same document and identity', async () => {
    serveDocuments(fixtureDocument())
    const { client } = createClient()
    const flags = await client.getIdentityFlags('user-7', { plan: 'enterprise', age: 30 })
    const expected = compileEnvironment(fixtureDocument()).getIdentityFlags('user-7', { plan: 'enterprise', age: 30 })
    expect(flags.toFlagMap()).toEqual(expected.flags)
    expect(flags.getFlag('checkout_flow')).toMatchObject({
      featureId: 104,
      reason: expected.flags.checkout_flow?.reason,
    })
  })

  it('evaluates synchronously once ready, and serves defaults before that without throwing', async () => {
    serveDocuments(fixtureDocument())
    const { client } = createClient({ defaultFlagHandler: () => new DefaultFlag('fallback', true) })
    expect(client.getIdentityFlagsSync('vip-user').getFlag('banner_text')).toMatchObject({
      value: 'fallback',
      isDefault: true,
    })
    await client.ready()
    expect(client.getIdentityFlagsSync('vip-user').getFeatureValue('banner_text')).toBe('Hello, VIP')
    expect(client.getEnvironmentFlagsSync().getFeatureValue('max_upload_mb')).toBe(25)
  })

  it('lists the segments of an identity', async () => {
    serveDocuments(fixtureDocument())
    const { client } = createClient()
    const segments = await client.getIdentitySegments('someone', { plan: 'pro' })
    expect(segments.map((segment) => segment.name)).toEqual(['pro_users'])
  })

  it('keeps serving the last good document when a refresh returns 500', async () => {
    serveDocuments(fixtureDocument(), 500)
    const onEnvironmentChange = vi.fn()
    const { client } = createClient({ onEnvironmentChange })
    const events: FlagsmithEvent[] = []
    client.subscribe((event) => events.push(event))
    await client.ready()
    await client.updateEnvironment()
    expect(client.getEnvironmentFlagsSync().getFeatureValue('banner_text')).toBe('Welcome')
    expect(onEnvironmentChange.mock.calls.map(([error]) => error?.status ?? null)).toEqual([null, 500])
    expect(events).toMatchObject([{ type: 'stale', error: { status: 500 } }])
  })

  it('serves a new document at once, naming the changed flags, and reports recovery', async () => {
    serveDocuments(fixtureDocument(), 503, documentWithBanner('Hello again'))
    const { client } = createClient()
    const events: FlagsmithEvent[] = []
    client.subscribe((event) => events.push(event))
    await client.ready()
    await client.updateEnvironment()
    await client.updateEnvironment()
    expect(client.getEnvironmentFlagsSync().getFeatureValue('banner_text')).toBe('Hello again')
    expect(events.map((event) => event.type)).toEqual(['stale', 'change', 'recovered'])
    expect(events[1]).toEqual({ type: 'change', flagsChanged: ['banner_text'] })
  })

  it('rejects an invalid document with one error naming the JSON path, and keeps the last good one', async () => {
    const invalid = { ...fixtureDocument(), feature_states: 'nope' } as unknown as EnvironmentDocument
    serveDocuments(fixtureDocument(), invalid)
    const { client, logger } = createClient()
    await client.ready()
    await client.updateEnvironment()
    await client.updateEnvironment()
    expect(client.getEnvironmentFlagsSync().getFeatureValue('banner_text')).toBe('Welcome')
    const errors = logger.at('error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('feature_states')
    expect(errors[0]).toContain('last good document keeps serving')
  })

  it('rejects truncated document JSON and keeps the last good one', async () => {
    serveDocuments(fixtureDocument(), JSON.stringify(fixtureDocument()).slice(0, 300))
    const { client } = createClient()
    await client.ready()
    await client.updateEnvironment()
    expect(client.getEnvironmentFlagsSync().getFeatureValue('banner_text')).toBe('Welcome')
  })

  it('serves defaults while the API is down at start, then recovers by itself', async () => {
    serveDocuments(500, 500, fixtureDocument())
    const { client } = createClient({ defaultFlagHandler: () => new DefaultFlag('default', false) })
    const early = await client.getIdentityFlags('vip-user')
    expect(early.getFlag('banner_text')).toMatchObject({ value: 'default', isDefault: true })
    await client.ready({ timeoutMs: 5000 })
    expect((await client.getIdentityFlags('vip-user')).getFeatureValue('banner_text')).toBe('Hello, VIP')
  })

  it('rejects flag reads while down at start without a defaultFlagHandler', async () => {
    serveDocuments(502)
    const { client } = createClient()
    await expect(client.getEnvironmentFlags()).rejects.toMatchObject({ name: 'FlagsmithAPIError', status: 502 })
    expect(client.getEnvironmentFlagsSync().getFlag('banner_text')).toEqual(new DefaultFlag(undefined, false))
  })

  it('fails ready() at once when the API rejects the server key', async () => {
    serveDocuments(403)
    const { client } = createClient()
    await expect(client.ready({ timeoutMs: 60_000 })).rejects.toMatchObject({ status: 403 })
  })

  it('polls a rejected key only at the refresh interval, without a fast retry burst', async () => {
    vi.useFakeTimers()
    try {
      serveDocuments(401)
      const { client } = createClient({ environmentRefreshIntervalSeconds: 60 })
      await expect(client.ready({ timeoutMs: 60_000 })).rejects.toMatchObject({ status: 401 })
      await vi.advanceTimersByTimeAsync(59_999)
      expect(documentRequests()).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(1)
      expect(documentRequests()).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it.each([503, 429])('retries a %i at start sooner than the refresh interval', async (status) => {
    vi.useFakeTimers()
    try {
      serveDocuments(status)
      createClient({ environmentRefreshIntervalSeconds: 60, random: () => 0.5 })
      await vi.advanceTimersByTimeAsync(0)
      expect(documentRequests()).toHaveLength(1)
      // Full jitter below a 1 s ceiling, then below 2 s: 500 ms, then 1000 ms with random() at 0.5.
      await vi.advanceTimersByTimeAsync(500)
      expect(documentRequests()).toHaveLength(2)
      await vi.advanceTimersByTimeAsync(1000)
      expect(documentRequests()).toHaveLength(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('serves the offlineHandler document until the API delivers one', async () => {
    serveDocuments(500, documentWithBanner('From the API'))
    const { client } = createClient({ offlineHandler: new LocalFileHandler(FIXTURE_PATH) })
    expect(client.isReady).toBe(true)
    expect(client.getEnvironmentFlagsSync().getFeatureValue('banner_text')).toBe('Welcome')
    await waitFor(() => client.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'From the API')
  })

  it("names only the flags the API's first document changes against the offlineHandler document", async () => {
    serveDocuments(documentWithBanner('From the API'))
    const { client } = createClient({ offlineHandler: new LocalFileHandler(FIXTURE_PATH) })
    const events: FlagsmithEvent[] = []
    client.subscribe((event) => events.push(event))
    await waitFor(() => events.some((event) => event.type === 'change'))
    expect(events.filter((event) => event.type === 'change')).toEqual([
      { type: 'change', flagsChanged: ['banner_text'] },
    ])
  })

  it('keeps no reference to the offlineHandler, and so to its document, once constructed', async () => {
    serveDocuments(fixtureDocument(), documentWithBanner('Polled'))
    const handlers: WeakRef<LocalFileHandler>[] = []
    const trackedHandler = () => {
      const handler = new LocalFileHandler(FIXTURE_PATH)
      handlers.push(new WeakRef(handler))
      return handler
    }
    const onEnvironmentChange = vi.fn()
    const { client } = createClient({ offlineHandler: trackedHandler(), onEnvironmentChange })
    await client.ready()
    await client.updateEnvironment()
    await collectGarbage()
    expect(handlers[0]?.deref()).toBeUndefined()
    expect(client.getEnvironmentFlagsSync().getFeatureValue('banner_text')).toBe('Polled')
    expect(onEnvironmentChange).toHaveBeenCalledTimes(2)
  })

  it('follows paginated identity overrides', async () => {
    const first = fixtureDocument()
    const overrides = first.identity_overrides ?? []
    first.identity_overrides = []
    server.use(
      http.get(DOCUMENT_URL, ({ request }) => {
        const page = new URL(request.url).searchParams.get('page_id')
        if (page === null) {
          return HttpResponse.json(first, {
            headers: { Link: '</api/v1/environment-document/?page_id=identity_override%3A2>; rel="next"' },
          })
        }
        return HttpResponse.json({ identity_overrides: overrides })
      }),
    )
    const { client } = createClient()
    expect((await client.getIdentityFlags('vip-user')).getFeatureValue('banner_text')).toBe('Hello, VIP')
    expect(documentRequests().map((request) => request.url.searchParams.get('page_id'))).toEqual([
      null,
      'identity_override:2',
    ])
  })

  it('revalidates with If-None-Match and keeps the document on 304', async () => {
    let calls = 0
    server.use(
      http.get(DOCUMENT_URL, ({ request }) => {
        calls++
        if (request.headers.get('if-none-match') === '"v1"') return new HttpResponse(null, { status: 304 })
        return HttpResponse.json(fixtureDocument(), { headers: { ETag: '"v1"' } })
      }),
    )
    const { client } = createClient()
    await client.ready()
    await client.updateEnvironment()
    expect(calls).toBe(2)
    expect(client.getEnvironmentFlagsSync().getFeatureValue('banner_text')).toBe('Welcome')
  })

  it('polls every environmentRefreshIntervalSeconds', async () => {
    serveDocuments(fixtureDocument(), documentWithBanner('Polled'))
    const { client } = createClient({ environmentRefreshIntervalSeconds: 0.1 })
    await waitFor(() => client.getEnvironmentFlagsSync().getFeatureValue('banner_text') === 'Polled')
  })

  it('snapshots an identity with the document client-side key, never the server key', async () => {
    serveDocuments(fixtureDocument())
    const { client } = createClient()
    const snapshot = await client.getSnapshot('vip-user', { plan: 'pro' })
    expect(snapshot.environmentKey).toBe(CLIENT_KEY)
    expect(JSON.stringify(snapshot)).not.toContain(SERVER_KEY)
    const parsed = parseFlagsSnapshot(JSON.parse(JSON.stringify(snapshot)))
    expect(parsed.ok && parsed.value.flags.banner_text?.value).toBe('Hello, VIP')
    expect(parsed.ok && parsed.value.identity).toEqual({ identifier: 'vip-user', traits: { plan: 'pro' } })
  })
})
