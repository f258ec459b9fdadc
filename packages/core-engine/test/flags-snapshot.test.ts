import { describe, expect, it } from 'vitest'
import { parseFlagsSnapshot } from '../src/flags-snapshot'
import { normalizeApiUrl } from '../src/normalize-api-url'
import { parseRealtimeEvent } from '../src/realtime-event'

describe('parseFlagsSnapshot', () => {
  const snapshot = {
    environmentKey: 'env',
    identity: { identifier: 'u1', traits: { plan: 'pro' } },
    flags: { a: { name: 'a', enabled: true, value: 2, reason: 'DEFAULT', variant: null } },
    fetchedAt: 1_700_000_000_000,
  }

  it('accepts a snapshot that went through JSON', () => {
    expect(parseFlagsSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual({ ok: true, value: snapshot })
  })

  it('rejects a snapshot whose flag has no enabled state', () => {
    const result = parseFlagsSnapshot({ ...snapshot, flags: { a: { value: 1 } } })
    expect(!result.ok && result.error.message).toBe('snapshot.flags.a.enabled: expected a boolean')
  })

  it('rejects non-objects', () => {
    expect(parseFlagsSnapshot('x').ok).toBe(false)
  })
})

describe('parseRealtimeEvent', () => {
  it('reads updated_at', () => {
    expect(parseRealtimeEvent('{"updated_at": 1700000000.5}')).toBe(1700000000.5)
  })

  it.each(['', 'nope', '{}', '{"updated_at":"1"}', '[1]'])('returns undefined for %j', (data) => {
    expect(parseRealtimeEvent(data)).toBeUndefined()
  })
})

describe('normalizeApiUrl', () => {
  it.each([
    ['https://x/api/v1', 'https://x/api/v1/'],
    ['https://x/api/v1/', 'https://x/api/v1/'],
    ['https://x/api/v1//', 'https://x/api/v1/'],
  ])('%s → %s', (input, output) => {
    expect(normalizeApiUrl(input)).toBe(output)
  })
})
