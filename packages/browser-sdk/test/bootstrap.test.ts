import type { FlagsSnapshot } from '@vexil/core-engine'
import { describe, expect, it } from 'vitest'
import { createTestClient, ENVIRONMENT_KEY } from './client-fixture'
import { apiIdentity, settle } from './fake-fetch'
import { createMemoryStorage } from './memory-storage'

function snapshot(overrides: Partial<FlagsSnapshot> = {}): FlagsSnapshot {
  return {
    environmentKey: ENVIRONMENT_KEY,
    identity: { identifier: 'user-1', traits: { plan: 'pro' } },
    flags: { banner: { name: 'banner', enabled: true, value: 'from server render' } },
    fetchedAt: Date.now(),
    ...overrides,
  }
}

describe('bootstrap', () => {
  it('serves a fresh bootstrap without any request, with its identity', async () => {
    const { client, network } = createTestClient({ bootstrap: snapshot() })
    await settle()
    expect(network.requests).toHaveLength(0)
    expect(client.getValue('banner', '')).toBe('from server render')
    expect(client.getStatus()).toEqual({ isLoading: false, isFetching: false, error: null, source: 'bootstrap' })
    expect(client.getContext()).toEqual({ identifier: 'user-1', traits: { plan: 'pro' } })
    await expect(client.ready()).resolves.toBeUndefined()
  })

  it('serves an old bootstrap at once and revalidates it with a request for its identity', async () => {
    const { client, network } = createTestClient({
      bootstrap: snapshot({ fetchedAt: Date.now() - 61_000 }),
    })
    expect(client.getValue('banner', '')).toBe('from server render')
    expect(network.last().body).toEqual({ identifier: 'user-1', traits: [{ trait_key: 'plan', trait_value: 'pro' }] })
    network.last().respond(apiIdentity('user-1', { banner: { enabled: true, value: 'fresh' } }))
    await settle()
    expect(client.getValue('banner', '')).toBe('fresh')
    expect(client.getStatus().source).toBe('server')
  })

  it('honours bootstrapMaxAgeMs', () => {
    const { network } = createTestClient({
      bootstrap: snapshot({ fetchedAt: Date.now() - 5000 }),
      bootstrapMaxAgeMs: 1000,
    })
    expect(network.requests).toHaveLength(1)
  })

  it('wins over the cache and starts as the initial state React hydrates with', () => {
    const storage = createMemoryStorage({
      [`vexil:${ENVIRONMENT_KEY}:user-1`]: JSON.stringify(snapshot({ flags: {}, fetchedAt: 1 })),
    })
    const bootstrap = snapshot()
    const { client } = createTestClient({ bootstrap, storage })
    expect(client.getStatus().source).toBe('bootstrap')
    expect(client.getInitialState().flags).toEqual(bootstrap.flags)
    expect(client.getInitialState().status.source).toBe('bootstrap')
  })

  it('ignores a bootstrap of another environment or identity, or an invalid one, with a warning', () => {
    const otherEnvironment = createTestClient({ bootstrap: snapshot({ environmentKey: 'other' }) })
    expect(otherEnvironment.client.getStatus().source).toBe('default')
    expect(otherEnvironment.logger.warn).toHaveBeenCalledWith(expect.stringContaining('another environment'))

    const otherIdentity = createTestClient({ identity: 'user-2', bootstrap: snapshot() })
    expect(otherIdentity.client.isEnabled('banner')).toBe(false)
    expect(otherIdentity.client.getContext()?.identifier).toBe('user-2')

    const invalid = createTestClient({ bootstrap: { flags: 'nope' } as unknown as FlagsSnapshot })
    expect(invalid.client.getStatus().source).toBe('default')
    expect(invalid.logger.warn).toHaveBeenCalledWith('vexil: ignoring an invalid bootstrap', expect.any(Error))
  })

  it("hydrates a client from another client's snapshot, identically", async () => {
    const server = createTestClient({ identity: 'user-1', traits: { plan: 'pro' } })
    server.network.last().respond(apiIdentity('user-1', { banner: { enabled: true, value: 'pro banner' } }))
    await server.client.ready()
    const transferred = JSON.parse(JSON.stringify(server.client.getSnapshot()))

    const browser = createTestClient({ bootstrap: transferred })
    expect(browser.network.requests).toHaveLength(0)
    expect(browser.client.getAllFlags()).toEqual(server.client.getAllFlags())
    expect(browser.client.getContext()).toEqual(server.client.getContext())
    expect(browser.client.getSnapshot()).toEqual(server.client.getSnapshot())
  })
})
