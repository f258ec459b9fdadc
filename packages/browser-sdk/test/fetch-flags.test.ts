import { VexilError } from '@vexil/core-engine'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { createTestClient } from './client-fixture'

const API_URL = 'https://api.test/api/v1/'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** A client on the SDK's default `fetch`, which msw intercepts. */
function createMswClient(options: { lazy?: boolean } = {}) {
  return createTestClient({ fetch: undefined, ...options }).client
}

describe('fetchFlags errors', () => {
  it.each([401, 503])('reports a %i from flags/ as HTTP_ERROR with that status', async (status) => {
    server.use(http.get(`${API_URL}flags/`, () => HttpResponse.json({ detail: 'no' }, { status })))
    const client = createMswClient()
    const error = await client.ready().catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(VexilError)
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status })
    expect(client.getStatus().error).toBe(error)
    expectTypeOf(client.getStatus().error?.status).toEqualTypeOf<number | undefined>()
  })

  it('reports a 503 from identities/ with that status', async () => {
    server.use(http.post(`${API_URL}identities/`, () => new HttpResponse(null, { status: 503 })))
    const client = createMswClient({ lazy: true })
    await client.identify('user-1')
    expect(client.getStatus().error).toMatchObject({ code: 'HTTP_ERROR', status: 503 })
  })

  it('keeps the status of a response whose body is not JSON', async () => {
    server.use(http.get(`${API_URL}flags/`, () => new HttpResponse('<html>', { status: 200 })))
    const client = createMswClient()
    await expect(client.ready()).rejects.toMatchObject({ code: 'INVALID_RESPONSE', status: 200 })
  })

  it('leaves the status undefined when no response arrived', async () => {
    server.use(http.get(`${API_URL}flags/`, () => HttpResponse.error()))
    const client = createMswClient()
    await expect(client.ready()).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: undefined })
  })
})
