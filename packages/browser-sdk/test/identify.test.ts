import { describe, expect, it, vi } from 'vitest'
import { createTestClient } from './client-fixture'
import { apiFlags, apiIdentity, createFakeFetch, settle } from './fake-fetch'

describe('identify', () => {
  it('posts the identity with its traits to identities/ and serves its flags', async () => {
    const { client, network } = createTestClient()
    network.last().respond(apiFlags({ banner: { enabled: false } }))
    await client.ready()
    const done = client.identify('user-1', { plan: 'pro', age: { value: 30, transient: true } })
    const request = network.last()
    expect(request.url).toBe('https://api.test/api/v1/identities/')
    expect(request.method).toBe('POST')
    expect(request.body).toEqual({
      identifier: 'user-1',
      traits: [
        { trait_key: 'plan', trait_value: 'pro' },
        { trait_key: 'age', trait_value: 30, transient: true },
      ],
    })
    request.respond(apiIdentity('user-1', { banner: { enabled: true } }))
    const flags = await done
    expect(flags).toBe(client.getAllFlags())
    expect(client.isEnabled('banner')).toBe(true)
    expect(client.getContext()).toEqual({ identifier: 'user-1', traits: { plan: 'pro', age: 30 } })
  })

  it('lets the last of two fast identifies win, aborting the first request', async () => {
    const { client, network } = createTestClient()
    network.last().respond(apiFlags({}))
    await client.ready()
    const first = client.identify('alice')
    const aliceRequest = network.last()
    const second = client.identify('bob')
    const bobRequest = network.last()
    expect(aliceRequest.isAborted()).toBe(true)
    bobRequest.respond(apiIdentity('bob', { greeting: { enabled: true, value: 'hi bob' } }))
    expect(await second).toBe(client.getAllFlags())
    // The superseded call follows the newer change instead of rejecting.
    expect(await first).toBe(client.getAllFlags())
    expect(client.getValue('greeting', '')).toBe('hi bob')
    expect(client.getContext()?.identifier).toBe('bob')
  })

  it('drops a late response for a superseded context even when the fetch ignores the abort', async () => {
    const { client, network } = createTestClient({}, createFakeFetch({ ignoreAbort: true }))
    network.last().respond(apiFlags({}))
    await client.ready()
    void client.identify('alice')
    const aliceRequest = network.last()
    const bob = client.identify('bob')
    network.last().respond(apiIdentity('bob', { who: { enabled: true, value: 'bob' } }))
    await bob
    // A fetch that ignores abort signals answers late with the first identity's flags.
    aliceRequest.respond(apiIdentity('alice', { who: { enabled: true, value: 'alice' } }))
    await settle()
    expect(client.getValue('who', '')).toBe('bob')
  })

  it('merges traits of the same identifier and resends them with setTraits', async () => {
    const { client, network } = createTestClient({ identity: 'user-1', traits: { plan: 'free' } })
    network.last().respond(apiIdentity('user-1', {}))
    await client.ready()
    const done = client.setTraits({ age: 30 })
    expect(network.last().body).toEqual({
      identifier: 'user-1',
      traits: [
        { trait_key: 'plan', trait_value: 'free' },
        { trait_key: 'age', trait_value: 30 },
      ],
    })
    expect(client.getStatus()).toMatchObject({ isLoading: false, isFetching: true })
    network.last().respond(apiIdentity('user-1', { adult: { enabled: true } }))
    await done
    expect(client.isEnabled('adult')).toBe(true)
  })

  it('starts from empty traits when the identifier changes', async () => {
    const { client, network } = createTestClient({ identity: 'user-1', traits: { plan: 'free' } })
    void client.identify('user-2')
    expect(network.last().body).toEqual({ identifier: 'user-2', traits: [] })
  })

  it('refuses setTraits without an identity and identify without an identifier', () => {
    const { client } = createTestClient()
    expect(() => client.setTraits({ plan: 'pro' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }))
    expect(() => client.identify('')).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }))
  })

  it('returns to environment flags on logout', async () => {
    const { client, network } = createTestClient({ identity: 'user-1' })
    network.last().respond(apiIdentity('user-1', { beta: { enabled: true } }))
    await client.ready()
    const done = client.logout()
    expect(network.last().url).toBe('https://api.test/api/v1/flags/')
    network.last().respond(apiFlags({ beta: { enabled: false } }))
    await done
    expect(client.isEnabled('beta')).toBe(false)
    expect(client.getContext()).toBeNull()
  })

  it('keeps the previous flags while a new identity loads, then falls back to defaults if it fails', async () => {
    const { client, network } = createTestClient({ defaultFlags: { beta: { enabled: false } } })
    network.last().respond(apiFlags({ beta: { enabled: true } }))
    await client.ready()
    const done = client.identify('user-1')
    expect(client.isEnabled('beta')).toBe(true)
    expect(client.getStatus()).toMatchObject({ isLoading: true, isFetching: true })
    network.last().respond({}, { status: 500 })
    // identify() resolves even when the request fails; the failure is in the status.
    const flags = await done
    expect(flags.beta?.enabled).toBe(false)
    expect(client.getStatus()).toMatchObject({ isLoading: false, source: 'default', error: { code: 'HTTP_ERROR' } })
  })

  it('keeps the identity flags when refreshing the same identity fails', async () => {
    const { client, network } = createTestClient({ identity: 'user-1' })
    network.last().respond(apiIdentity('user-1', { beta: { enabled: true } }))
    await client.ready()
    const done = client.setTraits({ plan: 'pro' })
    network.last().fail(new TypeError('offline'))
    await done
    expect(client.isEnabled('beta')).toBe(true)
    expect(client.getStatus()).toMatchObject({ source: 'server', error: { code: 'NETWORK_ERROR' } })
  })

  it('starts a lazy client on identify, fetching only the new identity', async () => {
    const { client, network } = createTestClient({ lazy: true })
    const done = client.identify('user-1', { plan: 'pro' })
    expect(network.requests).toHaveLength(1)
    expect(network.last().url).toBe('https://api.test/api/v1/identities/')
    network.last().respond(apiIdentity('user-1', { beta: { enabled: true } }))
    await done
    client.subscribe(() => {})
    expect(network.requests).toHaveLength(1)
    expect(client.isEnabled('beta')).toBe(true)
  })

  it('never leaves an unhandled rejection when identify calls are not awaited', async () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    try {
      const { client, network } = createTestClient()
      void client.identify('a')
      network.last().fail(new TypeError('offline'))
      void client.identify('b')
      void client.logout()
      network.last().respond({}, { status: 503 })
      client.close()
      await settle()
      expect(unhandled).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })
})
