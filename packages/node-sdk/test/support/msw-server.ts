import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

/** A request msw saw. */
export interface SeenRequest {
  method: string
  url: URL
  headers: Headers
}

/**
 * The msw server of a test file: unhandled requests fail the test, and handlers and the request log reset after
 * each test. Clients in these tests pass `fetch: globalThis.fetch`, the fetch msw intercepts (undici's own `fetch`,
 * which the SDK uses by default, is not patched).
 */
export function useMswServer() {
  const server = setupServer()
  const requests: SeenRequest[] = []
  server.events.on('request:start', ({ request }) => {
    requests.push({ method: request.method, url: new URL(request.url), headers: request.headers })
  })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    requests.splice(0)
  })
  afterAll(() => server.close())
  return { server, requests }
}
