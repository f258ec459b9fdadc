import type { EnvironmentDocument } from '@vexil/core-engine'
import murmurhash from 'murmurhash'

/**
 * What decides each feature's evaluation in one environment document, in a few bytes per feature, so change
 * detection does not need the previous document kept.
 *
 * @internal
 */
export interface FeatureFingerprints {
  /** The project's `hide_disabled_flags`. */
  readonly hideDisabledFlags: boolean
  /**
   * A hash per feature name of its environment state, its segment overrides (with their segments' rules) and its
   * identity overrides.
   */
  readonly byFeature: ReadonlyMap<string, number>
}

/**
 * Fingerprints every feature of a validated environment document. Unknown shapes are skipped, never thrown on.
 *
 * @internal
 */
export function featureFingerprints(document: EnvironmentDocument): FeatureFingerprints {
  const parts = new Map<string, string[]>()
  const add = (name: unknown, part: string) => {
    if (typeof name !== 'string') return
    const list = parts.get(name)
    if (list) list.push(part)
    else parts.set(name, [part])
  }
  for (const state of document.feature_states ?? []) add(state?.feature?.name, JSON.stringify(state))
  for (const segment of document.project?.segments ?? []) {
    // A rule change alters every flag the segment overrides, so the rules are part of each override's print.
    const rules = JSON.stringify(segment.rules)
    for (const state of segment.feature_states ?? []) {
      add(state?.feature?.name, `s${JSON.stringify(segment.id)}:${rules}:${JSON.stringify(state)}`)
    }
  }
  for (const override of document.identity_overrides ?? []) {
    for (const state of override.identity_features ?? []) {
      add(state?.feature?.name, `i${JSON.stringify(override.identifier)}:${JSON.stringify(state)}`)
    }
  }
  const byFeature = new Map<string, number>()
  for (const [name, list] of parts) {
    // JSON text never holds a raw newline, so joining on one keeps different lists of parts apart. A 32-bit hash
    // misses one change in 2^32; the cost is one missed `change` event, never a wrong flag (the document is served).
    // murmurhash documents string keys as ASCII only; hashing the UTF-8 bytes keeps non-ASCII values apart.
    byFeature.set(name, murmurhash.v3(Buffer.from(list.join('\n'), 'utf8')))
  }
  return { hideDisabledFlags: Boolean(document.project?.hide_disabled_flags), byFeature }
}
