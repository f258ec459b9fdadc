import type { FeatureFingerprints } from './feature-fingerprints'

/**
 * The names of features whose evaluation may differ between two fingerprinted environment documents: their
 * environment state, a segment override (or its segment's rules) or an identity override changed, or the feature
 * was added or removed. Every feature counts as changed when there was no previous document or `hide_disabled_flags`
 * flipped.
 */
export function changedFeatures(previous: FeatureFingerprints | undefined, next: FeatureFingerprints): string[] {
  const after = next.byFeature
  if (!previous || previous.hideDisabledFlags !== next.hideDisabledFlags) {
    const names = new Set(after.keys())
    if (previous) for (const name of previous.byFeature.keys()) names.add(name)
    return [...names]
  }
  const before = previous.byFeature
  const changed: string[] = []
  for (const [name, print] of after) if (before.get(name) !== print) changed.push(name)
  for (const name of before.keys()) if (!after.has(name)) changed.push(name)
  return changed
}
