import { describe, expect, it } from 'vitest'
import { featureFingerprints } from '../src/feature-fingerprints'
import { documentWithBanner, fixtureDocument } from './support/fixture'

describe('featureFingerprints', () => {
  it('holds one 32-bit integer per feature and the project hide_disabled_flags, not the document', () => {
    const prints = featureFingerprints(fixtureDocument())
    expect([...prints.byFeature.keys()].sort()).toEqual(
      ['api_rate_limit', 'banner_text', 'checkout_flow', 'dark_mode', 'legacy_reports', 'max_upload_mb'].sort(),
    )
    for (const print of prints.byFeature.values()) {
      expect(Number.isInteger(print) && print >= 0 && print < 2 ** 32).toBe(true)
    }
    expect(prints.hideDisabledFlags).toBe(false)
    expect(Object.keys(prints).sort()).toEqual(['byFeature', 'hideDisabledFlags'])
  })

  it('depends on content only, not on object identity', () => {
    expect(featureFingerprints(fixtureDocument())).toEqual(featureFingerprints(fixtureDocument()))
  })

  it('changes only the print of the feature whose value changed', () => {
    const before = featureFingerprints(fixtureDocument()).byFeature
    const after = featureFingerprints(documentWithBanner('Bienvenue')).byFeature
    for (const [name, print] of before) {
      if (name === 'banner_text') expect(after.get(name)).not.toBe(print)
      else expect(after.get(name), name).toBe(print)
    }
  })

  it('tells apart values that differ only in the high byte of a non-ASCII character', () => {
    // U+00E9 and U+01E9 share their low byte: a hash reading strings as one byte per character could not see the edit.
    const acute = featureFingerprints(documentWithBanner('caf\u00e9')).byFeature.get('banner_text')
    const caron = featureFingerprints(documentWithBanner('caf\u01e9')).byFeature.get('banner_text')
    expect(acute).not.toBe(caron)
  })

  it('tells apart an override moved from one segment to another with the same rules', () => {
    const document = fixtureDocument()
    const [pro, beta] = document.project!.segments!
    beta!.rules = pro!.rules
    const moved = structuredClone(document)
    const [movedPro, movedBeta] = moved.project!.segments!
    movedBeta!.feature_states!.push(movedPro!.feature_states!.pop()!)
    const before = featureFingerprints(document).byFeature.get('max_upload_mb')
    expect(featureFingerprints(moved).byFeature.get('max_upload_mb')).not.toBe(before)
  })
})
