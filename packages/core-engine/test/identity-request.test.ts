import { describe, expect, it } from 'vitest'
import { parseApiIdentity } from '../src/api-identity'
import { createIdentityRequest, parseIdentityRequest } from '../src/identity-request'

describe('createIdentityRequest', () => {
  it('maps plain and transient traits and the transient identity flag', () => {
    expect(
      createIdentityRequest(
        'u1',
        { plan: 'pro', age: { value: 30, transient: true }, gone: null },
        { transient: true },
      ),
    ).toEqual({
      identifier: 'u1',
      traits: [
        { trait_key: 'plan', trait_value: 'pro' },
        { trait_key: 'age', trait_value: 30, transient: true },
        { trait_key: 'gone', trait_value: null },
      ],
      transient: true,
    })
  })

  it('omits transient when not asked for', () => {
    expect(createIdentityRequest('u1')).toEqual({ identifier: 'u1', traits: [] })
  })
})

describe('parseIdentityRequest', () => {
  it('accepts what createIdentityRequest builds', () => {
    const body = createIdentityRequest('u1', { plan: 'pro', beta: { value: true, transient: true } })
    expect(parseIdentityRequest(JSON.parse(JSON.stringify(body)))).toEqual({
      ok: true,
      value: { ...body, transient: false },
    })
  })

  it.each([
    [[], '$: expected an object'],
    [{}, '$.identifier: expected a non-empty string'],
    [{ identifier: 'u', traits: {} }, '$.traits: expected an array'],
    [{ identifier: 'u', traits: [{ trait_key: '' }] }, '$.traits[0].trait_key'],
    [{ identifier: 'u', traits: [{ trait_key: 'a', trait_value: [1] }] }, '$.traits[0].trait_value'],
    [{ identifier: 'u', transient: 'yes' }, '$.transient: expected a boolean'],
  ])('rejects %j naming the problem', (json, message) => {
    const result = parseIdentityRequest(json)
    expect(!result.ok && result.error.message).toContain(message)
  })
})

describe('parseApiIdentity', () => {
  it('reads identifier, stored traits and flags', () => {
    const result = parseApiIdentity({
      identifier: 'u1',
      traits: [{ id: 1, trait_key: 'plan', trait_value: 'pro' }, { broken: true }],
      flags: [{ feature: { id: 1, name: 'f' }, feature_state_value: null, enabled: true }],
    })
    expect(result).toEqual({
      ok: true,
      value: {
        identifier: 'u1',
        traits: { plan: 'pro' },
        flags: { f: { name: 'f', enabled: true, value: null, metadata: { id: 1 } } },
      },
    })
  })

  it('fails when the flags are malformed', () => {
    const result = parseApiIdentity({ identifier: 'u1', flags: [{}] })
    expect(!result.ok && result.error.message).toBe('$.flags[0].feature: expected an object')
  })
})
