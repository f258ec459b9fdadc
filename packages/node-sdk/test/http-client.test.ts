import { delay, HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { HttpClient, type HttpClientOptions } from '../src/http-client'
import { createMemoryLogger } from './support/memory-logger'
import { useMswServer } from './support/msw-server'

const { server, requests } = useMswServer()
const URL_UNDER_TEST = 'http://api.test/api/v1/flags/'

function createClient(options: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    headers: { 'x-environment-key': 'key' },
    timeoutMs: 1000,
    retries: 3,
    retryBaseMs: 1000,
    retryMaxMs: 30_000,
    logger: createMemoryLogger(),
    fetch: globalThis.fetch as HttpClientOptions['fetch'],
    // No jitter delay at all, so retries without Retry-After are immediate.
    random: () => 0,
    ...options,
  })
}

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      // Never closed: the body stalls after its first chunks.
    },
  })
}

describe('HttpClient', () => {
  it('retries 5xx responses and returns the first success', async () => {
    let calls = 0
    server.use(
      http.get(URL_UNDER_TEST, () =>
        ++calls < 3 ? new HttpResponse(null, { status: 502 }) : HttpResponse.json([{ ok: true }]),
      ),
    )
    const result = await createClient().request(URL_UNDER_TEST)
    expect(result).toMatchObject({ ok: true, value: { status: 200, json: [{ ok: true }] } })
    expect(requests).toHaveLength(3)
  })

  it('gives up after the configured retries with the last status', async () => {
    server.use(http.get(URL_UNDER_TEST, () => new HttpResponse(null, { status: 500 })))
    const result = await createClient({ retries: 2 }).request(URL_UNDER_TEST)
    expect(result).toMatchObject({ ok: false, error: { code: 'HTTP_ERROR', status: 500, name: 'FlagsmithAPIError' } })
    expect(requests).toHaveLength(3)
  })

  it.each([401, 404])('does not retry a %i response', async (status) => {
    server.use(http.get(URL_UNDER_TEST, () => new HttpResponse(null, { status })))
    const result = await createClient().request(URL_UNDER_TEST)
    expect(result).toMatchObject({ ok: false, error: { code: 'HTTP_ERROR', status } })
    expect(requests).toHaveLength(1)
  })

  it('retries a 408 response and returns the next success', async () => {
    let calls = 0
    server.use(
      http.get(URL_UNDER_TEST, () =>
        ++calls === 1 ? new HttpResponse(null, { status: 408 }) : HttpResponse.json([{ ok: true }]),
      ),
    )
    const result = await createClient().request(URL_UNDER_TEST)
    expect(result).toMatchObject({ ok: true, value: { status: 200, json: [{ ok: true }] } })
    expect(requests).toHaveLength(2)
  })

  it('waits for Retry-After on 429 before retrying', async () => {
    const seenAt: number[] = []
    server.use(
      http.get(URL_UNDER_TEST, () => {
        seenAt.push(Date.now())
        return seenAt.length === 1
          ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } })
          : HttpResponse.json([])
      }),
    )
    const result = await createClient().request(URL_UNDER_TEST)
    expect(result.ok).toBe(true)
    // The backoff alone would retry at once (random() is 0): the gap is Retry-After's.
    expect(seenAt[1]! - seenAt[0]!).toBeGreaterThanOrEqual(950)
  })

  it('stops retrying when Retry-After asks for longer than the largest retry delay', async () => {
    server.use(
      http.get(URL_UNDER_TEST, () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '120' } })),
    )
    const result = await createClient({ retryMaxMs: 5000 }).request(URL_UNDER_TEST)
    expect(result).toMatchObject({ ok: false, error: { status: 503 } })
    expect(requests).toHaveLength(1)
  })

  it('times out a request whose response never comes', async () => {
    server.use(
      http.get(URL_UNDER_TEST, async () => {
        await delay('infinite')
        return HttpResponse.json([])
      }),
    )
    const result = await createClient({ timeoutMs: 100, retries: 1 }).request(URL_UNDER_TEST)
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } })
    expect(requests).toHaveLength(2)
  })

  it('times out a response whose body stalls after the headers', async () => {
    server.use(
      http.get(
        URL_UNDER_TEST,
        () => new HttpResponse(streamOf('[{"feature":'), { headers: { 'Content-Type': 'application/json' } }),
      ),
    )
    const result = await createClient({ timeoutMs: 150, retries: 0 }).request(URL_UNDER_TEST)
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } })
  })

  it('reports truncated JSON as an invalid response without retrying', async () => {
    server.use(
      http.get(
        URL_UNDER_TEST,
        () => new HttpResponse('[{"feature": {"name": "a"', { headers: { 'Content-Type': 'application/json' } }),
      ),
    )
    const result = await createClient().request(URL_UNDER_TEST)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_RESPONSE', status: 200 } })
    expect(requests).toHaveLength(1)
  })

  it('retries network errors', async () => {
    let calls = 0
    server.use(http.get(URL_UNDER_TEST, () => (++calls === 1 ? HttpResponse.error() : HttpResponse.json([]))))
    const result = await createClient().request(URL_UNDER_TEST)
    expect(result.ok).toBe(true)
    expect(requests).toHaveLength(2)
  })

  it('sends JSON bodies with the configured headers', async () => {
    let seen: { body: unknown; key: string | null; type: string | null } | undefined
    server.use(
      http.post(URL_UNDER_TEST, async ({ request }) => {
        seen = {
          body: await request.json(),
          key: request.headers.get('x-environment-key'),
          type: request.headers.get('content-type'),
        }
        return HttpResponse.json({})
      }),
    )
    await createClient({ headers: { 'x-environment-key': 'abc', 'content-type': 'application/json' } }).request(
      URL_UNDER_TEST,
      { method: 'POST', body: { identifier: 'u1' } },
    )
    expect(seen).toEqual({ body: { identifier: 'u1' }, key: 'abc', type: 'application/json' })
  })

  it('aborts a request in flight and refuses new ones once closed', async () => {
    server.use(
      http.get(URL_UNDER_TEST, async () => {
        await delay('infinite')
        return HttpResponse.json([])
      }),
    )
    const client = createClient()
    const pending = client.request(URL_UNDER_TEST)
    await new Promise((resolve) => setTimeout(resolve, 20))
    await client.close()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
    expect(await client.request(URL_UNDER_TEST)).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
    await client.close()
  })
})
