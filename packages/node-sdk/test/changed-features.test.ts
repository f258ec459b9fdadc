import type { EnvironmentDocument } from '@vexil/core-engine'
import { describe, expect, it } from 'vitest'
import { changedFeatures } from '../src/changed-features'
import { fixtureDocument } from './support/fixture'

function edited(edit: (document: EnvironmentDocument) => void): EnvironmentDocument {
  const document = fixtureDocument()
  edit(document)
  return document
}

const allFeatures = ['dark_mode', 'banner_text', 'max_upload_mb', 'checkout_flow', 'legacy_reports', 'api_rate_limit']

describe('changedFeatures', () => {
  it('names nothing for an identical document', () => {
    expect(changedFeatures(fixtureDocument(), fixtureDocument())).toEqual([])
  })

  it('names a feature whose environment state changed', () => {
    const next = edited((document) => {
      document.feature_states![2]!.enabled = false
    })
    expect(changedFeatures(fixtureDocument(), next)).toEqual(['max_upload_mb'])
  })

  it("names the features a segment overrides when the segment's rules change", () => {
    const next = edited((document) => {
      document.project!.segments![0]!.rules![0]!.rules![0]!.conditions![0]!.value = 'pro'
    })
    expect(changedFeatures(fixtureDocument(), next).sort()).toEqual(['banner_text', 'max_upload_mb'])
  })

  it('names the features of a changed identity override', () => {
    const next = edited((document) => {
      document.identity_overrides![0]!.identity_features![0]!.feature_state_value = 'Hi'
    })
    expect(changedFeatures(fixtureDocument(), next)).toEqual(['banner_text'])
  })

  it('names added and removed features', () => {
    const next = edited((document) => {
      document.feature_states = document.feature_states!.filter((state) => state.feature!.name !== 'legacy_reports')
    })
    expect(changedFeatures(fixtureDocument(), next)).toEqual(['legacy_reports'])
    expect(changedFeatures(next, fixtureDocument())).toEqual(['legacy_reports'])
  })

  it('names every feature without a previous document or when hide_disabled_flags flips', () => {
    expect(changedFeatures(undefined, fixtureDocument()).sort()).toEqual([...allFeatures].sort())
    const hidden = edited((document) => {
      document.project!.hide_disabled_flags = true
    })
    expect(changedFeatures(fixtureDocument(), hidden).sort()).toEqual([...allFeatures].sort())
  })
})
