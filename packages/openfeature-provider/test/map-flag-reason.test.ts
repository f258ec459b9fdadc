import { describe, expect, it } from 'vitest'
import { mapFlagReason } from '../src/map-flag-reason'

describe('mapFlagReason', () => {
  it('maps DEFAULT to STATIC for environment flags and DEFAULT for identities', () => {
    expect(mapFlagReason('DEFAULT', false)).toEqual({ reason: 'STATIC' })
    expect(mapFlagReason('DEFAULT', true)).toEqual({ reason: 'DEFAULT' })
  })

  it('maps a segment override to TARGETING_MATCH with the segment name', () => {
    expect(mapFlagReason('TARGETING_MATCH; segment=beta users', true)).toEqual({
      reason: 'TARGETING_MATCH',
      segment: 'beta users',
    })
    expect(mapFlagReason('TARGETING_MATCH; segment=a;b', true)).toEqual({ reason: 'TARGETING_MATCH', segment: 'a;b' })
    expect(mapFlagReason('TARGETING_MATCH', true)).toEqual({ reason: 'TARGETING_MATCH' })
  })

  it('maps a percentage split to SPLIT', () => {
    expect(mapFlagReason('SPLIT; weight=33.3', true)).toEqual({ reason: 'SPLIT' })
  })

  it('reports UNKNOWN when the flag has no reason or an unknown one', () => {
    expect(mapFlagReason(undefined, true)).toEqual({ reason: 'UNKNOWN' })
    expect(mapFlagReason(undefined, false)).toEqual({ reason: 'UNKNOWN' })
    expect(mapFlagReason('', false)).toEqual({ reason: 'UNKNOWN' })
    expect(mapFlagReason('SOMETHING_NEW; x=1', true)).toEqual({ reason: 'UNKNOWN' })
  })
})
