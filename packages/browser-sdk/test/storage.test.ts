import { describe, expect, it, vi } from 'vitest'
import { createTestClient, ENVIRONMENT_KEY } from './client-fixture'
import { apiFlags, apiIdentity, settle } from './fake-fetch'
import { createMemoryStorage } from './memory-storage'

const anonymousKey = `vexil:${ENVIRONMENT_KEY}:`

function cachedEntry(flags: Record<string, { enabled: boolean; value?: string | number | null }>, identifier?: string) {
  return JSON.stringify({
    environmentKey: ENVIRONMENT_KEY,
    identity: identifier ? { identifier, traits: {} } : null,
    flags: Object.fromEntries(
      Object.entries(flags).map(([name, flag]) => [name, { name, enabled: flag.enabled, value: flag.value ?? null }]),
    ),
    fetchedAt: 1_700_000_000_000,
  })
}

describe('persistence', () => {
  it('serves cached flags at once and revalidates them with a request', async () => {
    const storage = createMemoryStorage({ [anonymousKey]: cachedEntry({ banner: { enabled: true, value: 'cached' } }) })
    const { client, network } = createTestClient({ storage })
    expect(client.getValue('banner', '')).toBe('cached')
    expect(client.getStatus()).toEqual({ isLoading: false, isFetching: true, error: null, source: 'cache' })
    await expect(client.ready()).resolves.toBeUndefined()

    network.last().respond(apiFlags({ banner: { enabled: true, value: 'fresh' } }))
    await settle()
    expect(client.getValue('banner', '')).toBe('fresh')
    expect(client.getStatus()).toMatchObject({ isFetching: false, source: 'server' })
  })

  it('stores the flags of every identity under its own key, without traits', async () => {
    const storage = createMemoryStorage()
    const { client, network } = createTestClient({ storage })
    network.last().respond(apiFlags({ banner: { enabled: false } }))
    await settle()
    const identified = client.identify('user-1', { email: 'jane@example.com' })
    network.last().respond(apiIdentity('user-1', { banner: { enabled: true } }))
    await identified

    expect([...storage.entries.keys()]).toEqual([anonymousKey, `${anonymousKey}user-1`])
    const stored = JSON.parse(storage.entries.get(`${anonymousKey}user-1`) ?? '')
    expect(stored).toMatchObject({
      environmentKey: ENVIRONMENT_KEY,
      identity: { identifier: 'user-1', traits: {} },
      flags: { banner: { enabled: true } },
    })
    expect(JSON.stringify(stored)).not.toContain('jane@example.com')
  })

  it('serves the cached flags of an identity as soon as it is identified', async () => {
    const storage = createMemoryStorage({
      [`${anonymousKey}user-1`]: cachedEntry({ beta: { enabled: true } }, 'user-1'),
    })
    const { client, network } = createTestClient({ storage })
    network.last().respond(apiFlags({ beta: { enabled: false } }))
    await settle()
    expect(client.isEnabled('beta')).toBe(false)

    const identified = client.identify('user-1')
    expect(client.isEnabled('beta')).toBe(true)
    expect(client.getStatus()).toMatchObject({ isLoading: false, isFetching: true, source: 'cache' })
    network.last().respond(apiIdentity('user-1', { beta: { enabled: true } }))
    await identified
    expect(client.getStatus().source).toBe('server')
  })

  it('keeps serving cached flags and reports the error when the revalidation fails (offline reload)', async () => {
    const storage = createMemoryStorage({ [anonymousKey]: cachedEntry({ banner: { enabled: true } }) })
    const { client, network } = createTestClient({ storage })
    network.last().fail(new TypeError('Failed to fetch'))
    await settle()
    expect(client.isEnabled('banner')).toBe(true)
    expect(client.getStatus()).toMatchObject({ isLoading: false, source: 'cache', error: { code: 'NETWORK_ERROR' } })
    await expect(client.ready()).resolves.toBeUndefined()
  })

  it('drops an unreadable entry and one stored for another identity', async () => {
    const storage = createMemoryStorage({
      [anonymousKey]: '{not json',
      [`${anonymousKey}user-1`]: cachedEntry({ beta: { enabled: true } }, 'user-2'),
    })
    const { client, logger } = createTestClient({ storage })
    expect(client.getStatus().source).toBe('default')
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('cannot read cached flags'), expect.any(Error))

    void client.identify('user-1')
    expect(client.isEnabled('beta')).toBe(false)
    expect(storage.entries.has(`${anonymousKey}user-1`)).toBe(false)
  })

  it('keeps working when the storage throws on every call', async () => {
    const broken = new Error('SecurityError')
    const storage = {
      getItem: vi.fn(() => {
        throw broken
      }),
      setItem: vi.fn(() => {
        throw broken
      }),
      removeItem: vi.fn(),
    }
    const { client, network, logger } = createTestClient({ storage })
    network.last().respond(apiFlags({ banner: { enabled: true } }))
    await client.ready()
    expect(client.isEnabled('banner')).toBe(true)
    expect(storage.setItem).toHaveBeenCalled()
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('cannot cache flags'), broken)
  })

  it('uses localStorage by default and nothing with storage: false', async () => {
    localStorage.clear()
    const first = createTestClient({ storage: undefined })
    first.network.last().respond(apiFlags({ banner: { enabled: true } }))
    await first.client.ready()
    expect(localStorage.getItem(anonymousKey)).toContain('"banner"')

    const second = createTestClient({ storage: undefined })
    expect(second.client.getStatus().source).toBe('cache')
    const third = createTestClient({ storage: false })
    expect(third.client.getStatus().source).toBe('default')
    localStorage.clear()
  })
})
