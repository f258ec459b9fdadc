import { Flagsmith } from '@vexil/node-sdk'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { API_URL, fixtureDocument, SERVER_KEY } from './support/fixture'
import { createMemoryLogger } from './support/memory-logger'
import { useMswServer } from './support/msw-server'

const { server, requests } = useMswServer()

function createLocalClient(options: { environmentRefreshIntervalSeconds?: number; enableAnalytics?: boolean } = {}) {
  return new Flagsmith({
    environmentKey: SERVER_KEY,
    apiUrl: API_URL,
    enableLocalEvaluation: true,
    fetch: globalThis.fetch,
    logger: createMemoryLogger(),
    ...options,
  })
}

const serveDocument = () =>
  server.use(http.get(`${API_URL}environment-document/`, () => HttpResponse.json(fixtureDocument())))

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length
}

describe('lifecycle', () => {
  it('returns the same promise from every close() and stops polling', async () => {
    serveDocument()
    const client = createLocalClient({ environmentRefreshIntervalSeconds: 0.05 })
    await client.ready()
    const first = client.close()
    expect(client.close()).toBe(first)
    expect(client[Symbol.asyncDispose]()).toBe(first)
    await first
    const count = requests.length
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(requests).toHaveLength(count)
  })

  it('keeps serving the flags it has after close()', async () => {
    serveDocument()
    const client = createLocalClient()
    await client.ready()
    await client.close()
    expect(client.getIdentityFlagsSync('vip-user').getFeatureValue('banner_text')).toBe('Hello, VIP')
    expect((await client.getEnvironmentFlags()).getFeatureValue('banner_text')).toBe('Welcome')
  })

  it('settles a pending ready() when closed', async () => {
    server.use(http.get(`${API_URL}environment-document/`, () => new Promise<never>(() => {})))
    const client = createLocalClient()
    const ready = client.ready({ timeoutMs: 60_000 })
    await client.close()
    await expect(ready).rejects.toMatchObject({ code: 'CLOSED' })
    await expect(client.ready()).rejects.toMatchObject({ code: 'CLOSED' })
  })

  it('holds no timer that would keep the process alive', async () => {
    serveDocument()
    server.use(http.post(`${API_URL}analytics/flags/`, () => new HttpResponse(null, { status: 200 })))
    const before = activeTimers()
    const client = createLocalClient({ enableAnalytics: true })
    await client.ready()
    // Polling and the analytics flush are scheduled now, both unref()ed.
    expect(activeTimers()).toBe(before)
    await client.close()
  })
})
