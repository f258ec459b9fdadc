import { readFile, rename, writeFile } from 'node:fs/promises'
import { EventSource } from 'eventsource'
import { afterEach, describe, expect, it } from 'vitest'
import type { EdgeProxy } from '../src/index'
import { CLIENT_KEY, copyFixture, createMemoryLogger, startProxy, waitFor } from './fixture-proxy'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp() {
  const fixture = await copyFixture()
  cleanups.push(fixture.remove)
  const logger = createMemoryLogger()
  // A long stat poll: these tests prove the watcher, not the fallback.
  const proxy = await startProxy({ document: fixture.path, logger, watchPollIntervalMs: 60_000 })
  cleanups.push(() => proxy.close())
  const original = await readFile(fixture.path, 'utf8')
  return { fixture, logger, proxy, original }
}

async function bannerText(proxy: EdgeProxy): Promise<unknown> {
  const response = await fetch(`${proxy.apiUrl}flags/?feature=banner_text`, {
    headers: { 'X-Environment-Key': CLIENT_KEY },
  })
  return ((await response.json()) as { feature_state_value: unknown }).feature_state_value
}

function openStream(proxy: EdgeProxy, key = CLIENT_KEY) {
  const events: number[] = []
  const source = new EventSource(`${proxy.url}/sse/environments/${key}/stream`)
  cleanups.push(() => source.close())
  source.addEventListener('environment_updated', (event) => {
    events.push((JSON.parse(event.data) as { updated_at: number }).updated_at)
  })
  return { source, events }
}

describe('document file watching', () => {
  it('serves a valid change at once and pushes environment_updated to realtime clients', async () => {
    const { fixture, proxy, original } = await setUp()
    const { events } = openStream(proxy)
    await waitFor(() => events.length === 1)
    expect(events[0]).toBe(Date.UTC(2025, 2, 1, 10) / 1000)

    await writeFile(fixture.path, original.replace('"Welcome"', '"Welcome, edited"'))
    await waitFor(() => events.length === 2)
    expect(events[1]).toBeGreaterThan(events[0]!)
    expect(await bannerText(proxy)).toBe('Welcome, edited')
  })

  it('uses the document updated_at when it moves forward', async () => {
    const { fixture, proxy, original } = await setUp()
    const { events } = openStream(proxy)
    await waitFor(() => events.length === 1)
    const edited = original.replace('2025-03-01T10:00:00.000000+00:00', '2025-03-02T10:00:00.000000+00:00')
    await writeFile(fixture.path, edited)
    await waitFor(() => events.length === 2)
    expect(events[1]).toBe(Date.UTC(2025, 2, 2, 10) / 1000)
  })

  it('follows an editor-style atomic replace (write elsewhere, rename over)', async () => {
    const { fixture, proxy, original } = await setUp()
    const temporary = `${fixture.dir}/.environment.json.swp`
    await writeFile(temporary, original.replace('"Welcome"', '"Replaced"'))
    await rename(temporary, fixture.path)
    await waitFor(async () => (await bannerText(proxy)) === 'Replaced')
    await writeFile(temporary, original.replace('"Welcome"', '"Replaced twice"'))
    await rename(temporary, fixture.path)
    await waitFor(async () => (await bannerText(proxy)) === 'Replaced twice')
  })

  it('rejects invalid JSON with one log line naming the file, and keeps serving the old document', async () => {
    const { fixture, proxy, logger, original } = await setUp()
    const { events } = openStream(proxy)
    await waitFor(() => events.length === 1)
    await writeFile(fixture.path, original.slice(0, 200))
    await waitFor(() => logger.entries.some((entry) => entry.level === 'warn'))
    const warnings = logger.entries.filter((entry) => entry.level === 'warn')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toContain(fixture.path)
    expect(warnings[0]!.message).toContain('invalid JSON')
    expect(await bannerText(proxy)).toBe('Welcome')
    const health = (await (await fetch(`${proxy.url}/health`)).json()) as { status: string }
    expect(health.status).toBe('stale')
    expect(events).toHaveLength(1)
  })

  it('rejects a document the engine refuses, naming the JSON path, and recovers on the next valid save', async () => {
    const { fixture, proxy, logger, original } = await setUp()
    const document = JSON.parse(original)
    document.feature_states[1].enabled = 'yes'
    await writeFile(fixture.path, JSON.stringify(document))
    await waitFor(() => logger.entries.some((entry) => entry.level === 'warn'))
    const warning = logger.entries.find((entry) => entry.level === 'warn')!.message
    expect(warning).toContain(fixture.path)
    expect(warning).toContain('environment.json: feature_states[1].enabled: ')
    expect(await bannerText(proxy)).toBe('Welcome')

    await writeFile(fixture.path, original.replace('"Welcome"', '"Fixed"'))
    await waitFor(async () => (await bannerText(proxy)) === 'Fixed')
    const health = (await (await fetch(`${proxy.url}/health`)).json()) as { status: string }
    expect(health.status).toBe('ok')
  })

  it('does not announce a save that leaves the content unchanged', async () => {
    const { fixture, proxy, original } = await setUp()
    const { events } = openStream(proxy)
    await waitFor(() => events.length === 1)
    await writeFile(fixture.path, original)
    await proxy.refresh()
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(events).toHaveLength(1)
  })

  it('picks up changes through the stat poll when change events are missed', async () => {
    const fixture = await copyFixture()
    cleanups.push(fixture.remove)
    const proxy = await startProxy({ document: fixture.path, watchPollIntervalMs: 50 })
    cleanups.push(() => proxy.close())
    const original = await readFile(fixture.path, 'utf8')
    await writeFile(fixture.path, original.replace('"Welcome"', '"Polled"'))
    await waitFor(async () => (await bannerText(proxy)) === 'Polled')
  })
})

describe('realtime stream', () => {
  it('speaks text/event-stream with CORS and rejects unknown keys', async () => {
    const { proxy } = await setUp()
    const controller = new AbortController()
    cleanups.push(() => controller.abort())
    const response = await fetch(`${proxy.url}/sse/environments/${CLIENT_KEY}/stream`, { signal: controller.signal })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const reader = response.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    expect(first).toBe(`event: environment_updated\ndata: {"updated_at":${Date.UTC(2025, 2, 1, 10) / 1000}}\n\n`)
    const unknown = await fetch(`${proxy.url}/sse/environments/unknownKey/stream`)
    expect(unknown.status).toBe(401)
  })

  it('sends heartbeat comments and forgets clients that disconnect', async () => {
    const fixture = await copyFixture()
    cleanups.push(fixture.remove)
    const proxy = await startProxy({ document: fixture.path, heartbeatIntervalSeconds: 0.05 })
    cleanups.push(() => proxy.close())
    const controller = new AbortController()
    const response = await fetch(`${proxy.url}/sse/environments/${CLIENT_KEY}/stream`, { signal: controller.signal })
    const reader = response.body!.getReader()
    let text = ''
    while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value)
    const health = async () => (await (await fetch(`${proxy.url}/health`)).json()) as { realtimeClients: number }
    expect((await health()).realtimeClients).toBe(1)
    controller.abort()
    await waitFor(async () => (await health()).realtimeClients === 0)
  })

  it('ends open streams when the proxy closes', async () => {
    const { proxy } = await setUp()
    const response = await fetch(`${proxy.url}/sse/environments/${CLIENT_KEY}/stream`)
    const reader = response.body!.getReader()
    await reader.read()
    await proxy.close()
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended'
      })(),
    ).resolves.toBe('ended')
  })
})
