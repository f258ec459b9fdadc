import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestClient } from './client-fixture'
import { FakeEventSource } from './fake-event-source'
import { apiFlags } from './fake-fetch'

const FLAGS_URL = 'https://api.test/api/v1/flags/'
// Past the longest backoff delay (60 s) several times over.
const RETRY_WINDOW_MS = 10 * 60_000

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  vi.useFakeTimers()
  FakeEventSource.instances = []
})
afterEach(() => {
  vi.useRealTimers()
  server.resetHandlers()
})
afterAll(() => server.close())

/** Answers `flags/` with each answer in turn (the last one repeats); a number is answered as that status. */
function serveFlags(...answers: (number | 'network-error' | ReturnType<typeof apiFlags>)[]) {
  let count = 0
  server.use(
    http.get(FLAGS_URL, () => {
      const answer = answers[Math.min(count++, answers.length - 1)]
      if (answer === 'network-error') return HttpResponse.error()
      if (typeof answer === 'number') return HttpResponse.json({ detail: 'no' }, { status: answer })
      return HttpResponse.json(answer)
    }),
  )
  return { count: () => count }
}

/** A client on the SDK's default `fetch`, which msw intercepts. */
function createMswClient(options: Parameters<typeof createTestClient>[0] = {}) {
  return createTestClient({ fetch: undefined, ...options })
}

describe('retries of a failed request', () => {
  it.each([401, 403, 400, 404])('does not retry a request the API refused with %i', async (status) => {
    const requests = serveFlags(status)
    const { client, logger } = createMswClient({ defaultFlags: { banner: { enabled: true } } })
    await vi.advanceTimersByTimeAsync(0)
    expect(requests.count()).toBe(1)
    await vi.advanceTimersByTimeAsync(RETRY_WINDOW_MS)
    expect(requests.count()).toBe(1)
    expect(client.isEnabled('banner')).toBe(true)
    expect(client.getStatus()).toMatchObject({
      isFetching: false,
      source: 'default',
      error: { code: 'HTTP_ERROR', status },
    })
    await expect(client.ready()).rejects.toMatchObject({ code: 'HTTP_ERROR', status })
    expect(logger.warn).toHaveBeenCalledOnce()
  })

  it.each([503, 500, 429, 408])('retries a %i with exponential backoff', async (status) => {
    const requests = serveFlags(status)
    createMswClient()
    await vi.advanceTimersByTimeAsync(0)
    expect(requests.count()).toBe(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(requests.count()).toBe(2)
    await vi.advanceTimersByTimeAsync(2000)
    expect(requests.count()).toBe(3)
  })

  it('retries a network failure until the API answers', async () => {
    const requests = serveFlags('network-error', apiFlags({ banner: { enabled: true } }))
    const { client } = createMswClient()
    await vi.advanceTimersByTimeAsync(1000)
    expect(requests.count()).toBe(2)
    expect(client.getStatus()).toMatchObject({ error: null, source: 'server' })
  })

  it('keeps serving the last flags when a poll is refused with 401, and polls again only on the interval', async () => {
    const requests = serveFlags(apiFlags({ banner: { enabled: true } }), 401)
    const { client } = createMswClient({ pollingIntervalMs: 5 * 60_000 })
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(requests.count()).toBe(2)
    expect(client.isEnabled('banner')).toBe(true)
    expect(client.getStatus()).toMatchObject({ source: 'server', error: { status: 401 } })
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1)
    expect(requests.count()).toBe(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(requests.count()).toBe(3)
  })

  it('sends the request of a new context after a refused one', async () => {
    const requests = serveFlags(403)
    const { client } = createMswClient()
    await vi.advanceTimersByTimeAsync(0)
    await client.logout()
    expect(requests.count()).toBe(2)
  })

  it('does not refetch a request the API refused when the stream first opens', async () => {
    const requests = serveFlags(401)
    createMswClient({ realtime: true, EventSource: FakeEventSource })
    await vi.advanceTimersByTimeAsync(0)
    FakeEventSource.instances[0]?.open()
    await vi.advanceTimersByTimeAsync(RETRY_WINDOW_MS)
    expect(requests.count()).toBe(1)
  })
})
