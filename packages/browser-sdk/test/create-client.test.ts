import { type FlagValue, VexilError } from '@vexil/core-engine'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { createClient } from '../src/create-client'
import { createTestClient, ENVIRONMENT_KEY } from './client-fixture'
import { apiFlags, apiIdentity, settle } from './fake-fetch'

describe('createClient', () => {
  it('refuses a server-side key with a clear error', () => {
    expect(() => createClient({ environmentKey: 'ser.abc123' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining('server-side') }),
    )
  })

  it('refuses a missing environment key', () => {
    expect(() => createClient({ environmentKey: '' })).toThrow(VexilError)
  })

  it('fetches environment flags from flags/ with the environment key', async () => {
    const { client, network } = createTestClient()
    const request = network.last()
    expect(request.url).toBe('https://api.test/api/v1/flags/')
    expect(request.method).toBe('GET')
    expect(request.headers['x-environment-key']).toBe(ENVIRONMENT_KEY)
    request.respond(apiFlags({ banner: { enabled: true, value: 'hello' }, dark_mode: { enabled: false } }))
    await client.ready()
    expect(client.isEnabled('banner')).toBe(true)
    expect(client.getValue('banner', 'fallback')).toBe('hello')
    expect(client.getFlag('dark_mode')).toEqual({ name: 'dark_mode', enabled: false, value: null, metadata: { id: 2 } })
    expect(Object.keys(client.getAllFlags())).toEqual(['banner', 'dark_mode'])
  })

  it('returns the fallback for a value of another type, and any value for a null fallback', async () => {
    const { client, network } = createTestClient()
    network.last().respond(apiFlags({ limit: { enabled: true, value: '100' }, size: { enabled: true, value: 3 } }))
    await client.ready()
    expect(client.getValue('limit', 25)).toBe(25)
    expect(client.getValue('limit', 'none')).toBe('100')
    expect(client.getValue('size', 1)).toBe(3)
    expect(client.getValue('size', false)).toBe(false)
    expect(client.getValue('size', null)).toBe(3)
    expect(client.getValue('missing', null)).toBeNull()
    expectTypeOf(client.getValue('size', 1)).toEqualTypeOf<number>()
    expectTypeOf(client.getValue('limit', 'none')).toEqualTypeOf<string>()
    expectTypeOf(client.getValue('size', null)).toEqualTypeOf<FlagValue>()
  })

  it('returns the fallback while a flag is unknown or has no value, and never throws on reads', () => {
    const { client } = createTestClient({ defaultFlags: { empty: { enabled: true } } })
    expect(client.getValue('missing', 42)).toBe(42)
    expect(client.getValue('empty', 'x')).toBe('x')
    expect(client.isEnabled('missing')).toBe(false)
    expect(client.isEnabled('constructor')).toBe(false)
    expect(client.getFlag('__proto__')).toBeUndefined()
    expect(client.getFlag(undefined as unknown as string)).toBeUndefined()
  })

  it('serves default flags until the server answers', async () => {
    const { client, network } = createTestClient({ defaultFlags: { banner: { enabled: true, value: 'default' } } })
    expect(client.getValue('banner', 'x')).toBe('default')
    expect(client.getStatus()).toMatchObject({ isLoading: true, isFetching: true, source: 'default' })
    network.last().respond(apiFlags({ banner: { enabled: true, value: 'server' } }))
    await client.ready()
    expect(client.getValue('banner', 'x')).toBe('server')
    expect(client.getStatus()).toEqual({ isLoading: false, isFetching: false, error: null, source: 'server' })
  })

  it('keeps serving defaults and reports the error when the request fails', async () => {
    const { client, network, logger } = createTestClient({ defaultFlags: { banner: { enabled: true } } })
    network.last().respond({ detail: 'Invalid key' }, { status: 401 })
    await expect(client.ready()).rejects.toMatchObject({ code: 'HTTP_ERROR' })
    expect(client.isEnabled('banner')).toBe(true)
    expect(client.getStatus()).toMatchObject({ isLoading: false, isFetching: false, source: 'default' })
    expect(client.getStatus().error?.message).toContain('401')
    expect(logger.warn).toHaveBeenCalled()
  })

  it('retries a failed request with exponential backoff until it succeeds', async () => {
    vi.useFakeTimers()
    try {
      const { client, network } = createTestClient()
      network.last().fail(new TypeError('Failed to fetch'))
      await vi.advanceTimersByTimeAsync(999)
      expect(network.requests).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(1)
      expect(network.requests).toHaveLength(2)
      network.last().respond({}, { status: 503 })
      await vi.advanceTimersByTimeAsync(1999)
      expect(network.requests).toHaveLength(2)
      await vi.advanceTimersByTimeAsync(1)
      network.last().respond(apiFlags({ banner: { enabled: true } }))
      await vi.advanceTimersByTimeAsync(0)
      expect(client.getStatus()).toMatchObject({ error: null, source: 'server' })
      await vi.advanceTimersByTimeAsync(10 * 60_000)
      expect(network.requests).toHaveLength(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('stops retrying on close', async () => {
    vi.useFakeTimers()
    try {
      const { client, network } = createTestClient()
      network.last().fail(new TypeError('Failed to fetch'))
      await vi.advanceTimersByTimeAsync(0)
      client.close()
      await vi.advanceTimersByTimeAsync(60_000)
      expect(network.requests).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('reports a network failure as NETWORK_ERROR and invalid JSON as INVALID_RESPONSE', async () => {
    const first = createTestClient()
    first.network.last().fail(new TypeError('Failed to fetch'))
    await settle()
    expect(first.client.getStatus().error?.code).toBe('NETWORK_ERROR')

    const second = createTestClient()
    second.network.last().respond([{ feature: { name: 7 } }])
    await settle()
    expect(second.client.getStatus().error).toMatchObject({
      code: 'INVALID_RESPONSE',
      message: '$[0].feature.name: expected a string',
    })
  })

  it('aborts a request that takes longer than requestTimeoutMs', async () => {
    const { client, network } = createTestClient({ requestTimeoutMs: 20 })
    await expect(client.ready()).rejects.toMatchObject({ code: 'TIMEOUT' })
    expect(network.last().isAborted()).toBe(true)
  })

  it('rejects ready() after timeoutMs while still loading', async () => {
    const { client } = createTestClient()
    await expect(client.ready({ timeoutMs: 10 })).rejects.toMatchObject({ code: 'TIMEOUT' })
  })

  it('makes no request, reads no storage and starts nothing while lazy, until first subscribed', async () => {
    const getItem = vi.fn(() => null)
    const { client, network } = createTestClient({
      lazy: true,
      storage: { getItem, setItem: vi.fn(), removeItem: vi.fn() },
    })
    await settle()
    expect(network.requests).toHaveLength(0)
    expect(getItem).not.toHaveBeenCalled()
    const unsubscribe = client.subscribe(() => {})
    expect(getItem).toHaveBeenCalledTimes(1)
    expect(network.requests).toHaveLength(1)
    unsubscribe()
  })

  it('returns a serialisable snapshot of the flags and context', async () => {
    const { client, network } = createTestClient({
      identity: 'user-1',
      traits: { plan: 'pro', age: { value: 30, transient: true } },
    })
    network.last().respond(apiIdentity('user-1', { banner: { enabled: true, value: 'pro' } }))
    await client.ready()
    const snapshot = JSON.parse(JSON.stringify(client.getSnapshot()))
    expect(snapshot).toEqual({
      environmentKey: ENVIRONMENT_KEY,
      identity: { identifier: 'user-1', traits: { plan: 'pro', age: 30 } },
      flags: { banner: { name: 'banner', enabled: true, value: 'pro', metadata: { id: 1 } } },
      fetchedAt: expect.any(Number),
    })
  })
})

describe('close', () => {
  it('aborts the request in flight, keeps serving the last flags and settles ready() with CLOSED', async () => {
    const { client, network } = createTestClient({ defaultFlags: { banner: { enabled: true } } })
    const ready = client.ready()
    const listener = vi.fn()
    client.subscribe(listener)
    client.close()
    client.close()
    await expect(ready).rejects.toMatchObject({ code: 'CLOSED' })
    expect(network.last().isAborted()).toBe(true)
    expect(client.isEnabled('banner')).toBe(true)
    listener.mockClear()
    await expect(client.identify('user-1')).resolves.toEqual(client.getAllFlags())
    expect(network.requests).toHaveLength(1)
    expect(listener).not.toHaveBeenCalled()
  })
})
