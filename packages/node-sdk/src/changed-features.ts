import type { EnvironmentDocument } from '@vexil/core-engine'

// Each document is compared twice (as the new one, then as the previous one); fingerprinting it once halves the work.
const cache = new WeakMap<EnvironmentDocument, Map<string, string[]>>()

function fingerprints(document: EnvironmentDocument): Map<string, string[]> {
  const cached = cache.get(document)
  if (cached) return cached
  const byFeature = new Map<string, string[]>()
  cache.set(document, byFeature)
  const add = (name: unknown, part: string) => {
    if (typeof name !== 'string') return
    const parts = byFeature.get(name)
    if (parts) parts.push(part)
    else byFeature.set(name, [part])
  }
  for (const state of document.feature_states ?? []) add(state?.feature?.name, JSON.stringify(state))
  for (const segment of document.project?.segments ?? []) {
    // A rule change alters every flag the segment overrides, so the rules are part of each override's print.
    const rules = JSON.stringify(segment.rules)
    for (const state of segment.feature_states ?? []) {
      add(state?.feature?.name, `s${segment.id}:${rules}:${JSON.stringify(state)}`)
    }
  }
  for (const override of document.identity_overrides ?? []) {
    for (const state of override.identity_features ?? []) {
      add(state?.feature?.name, `i${override.identifier}:${JSON.stringify(state)}`)
    }
  }
  return byFeature
}

/**
 * The names of features whose evaluation may differ between two environment documents: their environment state,
 * a segment override (or its segment's rules) or an identity override changed, or the feature was added or removed.
 * Every feature counts as changed when there was no previous document or `hide_disabled_flags` flipped.
 */
export function changedFeatures(previous: EnvironmentDocument | undefined, next: EnvironmentDocument): string[] {
  const after = fingerprints(next)
  if (!previous || Boolean(previous.project?.hide_disabled_flags) !== Boolean(next.project?.hide_disabled_flags)) {
    const names = new Set(after.keys())
    if (previous) for (const name of fingerprints(previous).keys()) names.add(name)
    return [...names]
  }
  const before = fingerprints(previous)
  const changed: string[] = []
  for (const [name, parts] of after) {
    const old = before.get(name)
    if (!old || old.length !== parts.length || old.some((part, i) => part !== parts[i])) changed.push(name)
  }
  for (const name of before.keys()) if (!after.has(name)) changed.push(name)
  return changed
}
