import type { EnvironmentDocument } from '@vexil/core-engine'
import { describe, expect, it } from 'vitest'
import { changedFeatures } from '../src/changed-features'
import { featureFingerprints } from '../src/feature-fingerprints'
import { fixtureDocument } from './support/fixture'

function edited(edit: (document: EnvironmentDocument) => void): EnvironmentDocument {
  const document = fixtureDocument()
  edit(document)
  return document
}

/** The features changed from `previous` to `next`, sorted; each document is fingerprinted on its own. */
function changed(previous: EnvironmentDocument | undefined, next: EnvironmentDocument): string[] {
  return changedFeatures(previous && featureFingerprints(previous), featureFingerprints(next)).sort()
}

const allFeatures = ['dark_mode', 'banner_text', 'max_upload_mb', 'checkout_flow', 'legacy_reports', 'api_rate_limit']

describe('changedFeatures', () => {
  it('names nothing for an identical document', () => {
    expect(changed(fixtureDocument(), fixtureDocument())).toEqual([])
  })

  it('names a feature whose environment state changed', () => {
    const next = edited((document) => {
      document.feature_states![2]!.enabled = false
    })
    expect(changed(fixtureDocument(), next)).toEqual(['max_upload_mb'])
  })

  it("names the features a segment overrides when the segment's rules change", () => {
    const next = edited((document) => {
      document.project!.segments![0]!.rules![0]!.rules![0]!.conditions![0]!.value = 'pro'
    })
    expect(changed(fixtureDocument(), next)).toEqual(['banner_text', 'max_upload_mb'])
  })

  it('names only the feature whose segment override changed', () => {
    const next = edited((document) => {
      document.project!.segments![2]!.feature_states![0]!.enabled = false
    })
    expect(changed(fixtureDocument(), next)).toEqual(['api_rate_limit'])
  })

  it('names the features of a changed identity override', () => {
    const next = edited((document) => {
      document.identity_overrides![0]!.identity_features![0]!.feature_state_value = 'Hi'
    })
    expect(changed(fixtureDocument(), next)).toEqual(['banner_text'])
  })

  it('names the features of an identity override added for another identity', () => {
    const next = edited((document) => {
      const [vip] = document.identity_overrides!
      document.identity_overrides!.push({
        ...vip!,
        identifier: 'other-user',
        identity_features: [vip!.identity_features![1]!],
      })
    })
    expect(changed(fixtureDocument(), next)).toEqual(['dark_mode'])
  })

  it('names added and removed features', () => {
    const next = edited((document) => {
      document.feature_states = document.feature_states!.filter((state) => state.feature!.name !== 'legacy_reports')
    })
    expect(changed(fixtureDocument(), next)).toEqual(['legacy_reports'])
    expect(changed(next, fixtureDocument())).toEqual(['legacy_reports'])
  })

  it('names every feature without a previous document or when hide_disabled_flags flips', () => {
    expect(changed(undefined, fixtureDocument())).toEqual([...allFeatures].sort())
    const hidden = edited((document) => {
      document.project!.hide_disabled_flags = true
      document.feature_states = document.feature_states!.filter((state) => state.feature!.name !== 'legacy_reports')
    })
    // The union of both documents' features: a removed feature changed too.
    expect(changed(fixtureDocument(), hidden)).toEqual([...allFeatures].sort())
    expect(changed(hidden, fixtureDocument())).toEqual([...allFeatures].sort())
  })

  it('treats a missing hide_disabled_flags like false', () => {
    const unset = edited((document) => {
      delete document.project!.hide_disabled_flags
    })
    expect(changed(fixtureDocument(), unset)).toEqual([])
  })
})
