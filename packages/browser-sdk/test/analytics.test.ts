import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestClient, ENVIRONMENT_KEY } from './client-fixture'
import { apiFlags } from './fake-fetch'
import { setPageHidden } from './visibility'

afterEach(() => {
  vi.useRealTimers()
})

async function startAnalyticsClient() {
  vi.useFakeTimers()
  const fixture = createTestClient({ enableAnalytics: true })
  fixture.network.last().respond(apiFlags({ a: { enabled: true }, b: { enabled: false, value: 3 } }))
  await vi.advanceTimersByTimeAsync(0)
  return fixture
}

describe('analytics', () => {
  it('posts the evaluation counts of known flags every 10 seconds, and nothing when there is none', async () => {
    const { client, network } = await startAnalyticsClient()
    client.isEnabled('a')
    client.getValue('a', false)
    client.getFlag('b')
    client.isEnabled('missing')
    await vi.advanceTimersByTimeAsync(10_000)
    const post = network.last()
    expect(post).toMatchObject({
      url: 'https://api.test/api/v1/analytics/flags/',
      method: 'POST',
      body: { a: 2, b: 1 },
    })
    expect(post.headers['x-environment-key']).toBe(ENVIRONMENT_KEY)
    expect(post.init.keepalive).toBe(true)

    await vi.advanceTimersByTimeAsync(10_000)
    expect(network.requests).toHaveLength(2)
  })

  it('flushes when the page is hidden and on close', async () => {
    const { client, network } = await startAnalyticsClient()
    client.isEnabled('a')
    setPageHidden(true)
    expect(network.last().body).toEqual({ a: 1 })
    client.isEnabled('b')
    client.close()
    expect(network.last().body).toEqual({ b: 1 })
  })

  it('logs a failed post and drops its counts', async () => {
    const { client, network, logger } = await startAnalyticsClient()
    client.isEnabled('a')
    await vi.advanceTimersByTimeAsync(10_000)
    network.last().fail(new TypeError('offline'))
    await vi.advanceTimersByTimeAsync(0)
    expect(logger.warn).toHaveBeenCalledWith('vexil: cannot post analytics', expect.any(TypeError))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(network.requests).toHaveLength(2)
  })

  it('counts nothing unless enableAnalytics is set', async () => {
    vi.useFakeTimers()
    const { client, network } = createTestClient()
    network.last().respond(apiFlags({ a: { enabled: true } }))
    await vi.advanceTimersByTimeAsync(0)
    client.isEnabled('a')
    await vi.advanceTimersByTimeAsync(30_000)
    client.close()
    expect(network.requests).toHaveLength(1)
  })
})
