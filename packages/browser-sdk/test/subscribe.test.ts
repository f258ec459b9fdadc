import { describe, expect, it, vi } from 'vitest'
import { createTestClient } from './client-fixture'
import { apiFlags, settle } from './fake-fetch'

describe('subscribe', () => {
  it('tells listeners which flags were added, changed or removed', async () => {
    const { client, network } = createTestClient({ defaultFlags: { removed: { enabled: true } } })
    const listener = vi.fn()
    client.subscribe(listener)
    network.last().respond(apiFlags({ added: { enabled: true }, kept: { enabled: false } }))
    await settle()
    expect(listener).toHaveBeenLastCalledWith(expect.arrayContaining(['added', 'kept', 'removed']))
    expect(listener.mock.lastCall?.[0]).toHaveLength(3)

    listener.mockClear()
    void client.identify('user-1')
    network.last().respond({ flags: apiFlags({ added: { enabled: true }, kept: { enabled: true } }) })
    await settle()
    expect(listener.mock.calls.map(([changed]) => changed)).toContainEqual(['kept'])
  })

  it('keeps the object of every unchanged flag across updates', async () => {
    const { client, network } = createTestClient()
    network.last().respond(apiFlags({ a: { enabled: true, value: 'x' }, b: { enabled: false, value: 1 } }))
    await client.ready()
    const before = client.getAllFlags()
    const a = client.getFlag('a')

    void client.identify('user-1')
    network.last().respond({ flags: apiFlags({ a: { enabled: true, value: 'x' }, b: { enabled: false, value: 2 } }) })
    await settle()
    expect(client.getFlag('a')).toBe(a)
    expect(client.getFlag('b')?.value).toBe(2)
    expect(client.getAllFlags()).not.toBe(before)
  })

  it('keeps the same flag map and status and notifies nobody when a refresh changes nothing', async () => {
    const { client, network } = createTestClient()
    network.last().respond(apiFlags({ a: { enabled: true } }))
    await client.ready()
    const flags = client.getAllFlags()
    const status = client.getStatus()
    const listener = vi.fn()
    client.subscribe(listener)

    void client.identify('user-1')
    listener.mockClear()
    network.last().respond({ flags: apiFlags({ a: { enabled: true } }) })
    await settle()
    expect(client.getAllFlags()).toBe(flags)
    // Only the status moved (fetching → idle): listeners hear it with no flag names.
    expect(listener.mock.calls).toEqual([[[]]])
    expect(client.getStatus()).toEqual(status)
  })

  it('stops calling a listener after it unsubscribes', async () => {
    const { client, network } = createTestClient()
    const listener = vi.fn()
    const unsubscribe = client.subscribe(listener)
    unsubscribe()
    unsubscribe()
    network.last().respond(apiFlags({ a: { enabled: true } }))
    await settle()
    expect(listener).not.toHaveBeenCalled()
  })

  it('still notifies the other listeners and applies the flags when a listener throws', async () => {
    const { client, network } = createTestClient()
    const failure = new Error('listener bug')
    const reported: unknown[] = []
    const onError = (error: unknown) => reported.push(error)
    process.on('uncaughtException', onError)
    try {
      client.subscribe(() => {
        throw failure
      })
      const second = vi.fn()
      client.subscribe(second)
      network.last().respond(apiFlags({ a: { enabled: true } }))
      await client.ready()
      await settle()
      expect(second).toHaveBeenCalled()
      expect(client.isEnabled('a')).toBe(true)
      expect(reported).toContain(failure)
    } finally {
      process.off('uncaughtException', onError)
    }
  })
})
