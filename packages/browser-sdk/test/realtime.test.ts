import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestClient, ENVIRONMENT_KEY } from './client-fixture'
import { FakeEventSource } from './fake-event-source'
import { apiFlags, apiIdentity, settle } from './fake-fetch'
import { setPageHidden } from './visibility'

const updatedAt = (seconds: number) => JSON.stringify({ updated_at: seconds })

beforeEach(() => {
  FakeEventSource.instances = []
})
afterEach(() => {
  vi.useRealTimers()
})

/** A realtime client that has loaded flags evaluated from the data of `seconds`, with its stream open. */
async function startRealtimeClient(seconds = 100) {
  const fixture = createTestClient({
    realtime: true,
    realtimeUrl: 'https://realtime.test',
    EventSource: FakeEventSource,
  })
  fixture.network
    .last()
    .respond(apiFlags({ banner: { enabled: false } }), { headers: { 'X-Flagsmith-Document-Updated-At': `${seconds}` } })
  await fixture.client.ready()
  const [stream] = FakeEventSource.open
  if (!stream) throw new Error('no stream was opened')
  stream.open()
  return { ...fixture, stream }
}

describe('realtime', () => {
  it('listens on the environment stream of the realtime URL', async () => {
    const { stream } = await startRealtimeClient()
    expect(stream.url).toBe(`https://realtime.test/sse/environments/${ENVIRONMENT_KEY}/stream`)
  })

  it('refetches on a newer environment_updated event and ignores older or equal ones', async () => {
    const { client, network, stream } = await startRealtimeClient(100)
    stream.emit('environment_updated', updatedAt(100))
    stream.emit('environment_updated', updatedAt(99.5))
    expect(network.requests).toHaveLength(1)

    stream.emit('environment_updated', updatedAt(101.25))
    expect(network.requests).toHaveLength(2)
    network.last().respond(apiFlags({ banner: { enabled: true } }))
    await settle()
    expect(client.isEnabled('banner')).toBe(true)
    stream.emit('environment_updated', updatedAt(101.25))
    expect(network.requests).toHaveLength(2)
  })

  it('refetches the current identity, not the environment, on an event', async () => {
    const { client, network, stream } = await startRealtimeClient(100)
    const identified = client.identify('user-1')
    network.last().respond(apiIdentity('user-1', {}), { headers: { 'X-Flagsmith-Document-Updated-At': '100' } })
    await identified
    stream.emit('environment_updated', updatedAt(200))
    expect(network.last()).toMatchObject({ method: 'POST', url: 'https://api.test/api/v1/identities/' })
  })

  it('lets a request in flight finish on an event, and skips the refetch when its answer is as new', async () => {
    const fixture = createTestClient({ realtime: true, EventSource: FakeEventSource })
    const [stream] = FakeEventSource.instances
    // The stream's first event (the proxy sends the current updated_at) races the first request.
    stream?.open()
    stream?.emit('environment_updated', updatedAt(100))
    const first = fixture.network.last()
    expect(first.isAborted()).toBe(false)
    first.respond(apiFlags({}), { headers: { 'X-Flagsmith-Document-Updated-At': '100' } })
    await settle()
    expect(fixture.network.requests).toHaveLength(1)
  })

  it('fetches again after a request in flight whose answer predates an event', async () => {
    const { client, network, stream } = await startRealtimeClient(100)
    const identified = client.identify('user-1')
    const identifyRequest = network.last()
    stream.emit('environment_updated', updatedAt(200))
    expect(identifyRequest.isAborted()).toBe(false)
    identifyRequest.respond(apiIdentity('user-1', { banner: { enabled: false } }), {
      headers: { 'X-Flagsmith-Document-Updated-At': '150' },
    })
    await identified
    expect(network.requests).toHaveLength(3)
    expect(network.last().body).toEqual({ identifier: 'user-1', traits: [] })
    network.last().respond(apiIdentity('user-1', { banner: { enabled: true } }))
    await settle()
    expect(client.isEnabled('banner')).toBe(true)
  })

  it('fetches again after a request in flight when a reconnect may have missed events', async () => {
    const { client, network, stream } = await startRealtimeClient(100)
    void client.identify('user-1')
    stream.drop()
    stream.open()
    network.last().respond(apiIdentity('user-1', {}), { headers: { 'X-Flagsmith-Document-Updated-At': '100' } })
    await settle()
    expect(network.requests).toHaveLength(3)
  })

  it('refetches when the event data cannot be read, as the protocol asks', async () => {
    const { network, stream } = await startRealtimeClient()
    stream.emit('environment_updated', 'not json')
    expect(network.requests).toHaveLength(2)
  })

  it('catches up after the stream reconnects by itself', async () => {
    const { network, stream } = await startRealtimeClient()
    stream.drop()
    expect(network.requests).toHaveLength(1)
    stream.open()
    expect(network.requests).toHaveLength(2)
  })

  it('recovers from a failed first request when the stream first opens', async () => {
    const { client, network } = createTestClient({ realtime: true, EventSource: FakeEventSource })
    network.last().fail(new TypeError('Failed to fetch'))
    await settle()
    expect(client.getStatus().error?.code).toBe('NETWORK_ERROR')
    FakeEventSource.instances[0]?.open()
    expect(network.requests).toHaveLength(2)
    network.last().respond(apiFlags({ banner: { enabled: true } }))
    await settle()
    expect(client.getStatus()).toMatchObject({ error: null, source: 'server' })
  })

  it('makes no extra request when the stream first opens after a successful request', async () => {
    const { network } = await startRealtimeClient()
    expect(network.requests).toHaveLength(1)
  })

  it('reopens a refused stream with exponential backoff', async () => {
    vi.useFakeTimers()
    const { stream } = await startRealtimeClient()
    stream.refuse()
    expect(FakeEventSource.open).toHaveLength(0)
    vi.advanceTimersByTime(999)
    expect(FakeEventSource.open).toHaveLength(0)
    vi.advanceTimersByTime(1)
    const [second] = FakeEventSource.open
    second?.refuse()
    vi.advanceTimersByTime(1999)
    expect(FakeEventSource.open).toHaveLength(0)
    vi.advanceTimersByTime(1)
    expect(FakeEventSource.open).toHaveLength(1)
    expect(FakeEventSource.instances).toHaveLength(3)
  })

  it('closes the stream while the page is hidden and catches up once when it is visible again', async () => {
    const { client, network, stream } = await startRealtimeClient()
    setPageHidden(true)
    expect(stream.isClosed).toBe(true)
    expect(network.requests).toHaveLength(1)

    setPageHidden(false)
    expect(FakeEventSource.open).toHaveLength(1)
    expect(network.requests).toHaveLength(2)
    network.last().respond(apiFlags({ banner: { enabled: true } }))
    await settle()
    expect(client.isEnabled('banner')).toBe(true)
  })

  it('does not open a stream for a page that starts hidden', async () => {
    setPageHidden(true)
    createTestClient({ realtime: true, EventSource: FakeEventSource })
    expect(FakeEventSource.instances).toHaveLength(0)
    setPageHidden(false)
    expect(FakeEventSource.open).toHaveLength(1)
  })

  it('defaults to Flagsmith realtime and warns when the platform has no EventSource', () => {
    const { logger } = createTestClient({ realtime: true, EventSource: FakeEventSource })
    expect(FakeEventSource.instances[0]?.url).toBe(
      `https://realtime.flagsmith.com/sse/environments/${ENVIRONMENT_KEY}/stream`,
    )
    expect(logger.warn).not.toHaveBeenCalled()

    vi.stubGlobal('EventSource', undefined)
    try {
      const other = createTestClient({ realtime: true })
      expect(other.logger.warn).toHaveBeenCalledWith(expect.stringContaining('EventSource'))
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('closes the stream and stops listening to the page on close', async () => {
    const { client, network, stream } = await startRealtimeClient()
    client.close()
    expect(stream.isClosed).toBe(true)
    setPageHidden(true)
    setPageHidden(false)
    expect(FakeEventSource.open).toHaveLength(0)
    expect(network.requests).toHaveLength(1)
  })
})

describe('polling', () => {
  it('refetches every pollingIntervalMs while the page is visible, skipping while a request is in flight', async () => {
    vi.useFakeTimers()
    const { network } = createTestClient({ pollingIntervalMs: 1000 })
    vi.advanceTimersByTime(1000)
    expect(network.requests).toHaveLength(1)
    network.last().respond(apiFlags({}))
    await vi.advanceTimersByTimeAsync(1000)
    expect(network.requests).toHaveLength(2)
    network.last().respond(apiFlags({}))
    await vi.advanceTimersByTimeAsync(0)

    setPageHidden(true)
    await vi.advanceTimersByTimeAsync(5000)
    expect(network.requests).toHaveLength(2)
    setPageHidden(false)
    expect(network.requests).toHaveLength(3)
  })

  it('does not poll by default', async () => {
    vi.useFakeTimers()
    const { network } = createTestClient()
    network.last().respond(apiFlags({}))
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(network.requests).toHaveLength(1)
  })
})
