import type { ResolutionReason } from '@openfeature/core'

/** An OpenFeature reason and what else Flagsmith's reason string tells. */
export interface MappedReason {
  reason: ResolutionReason
  /** The segment whose override won, from `TARGETING_MATCH; segment=<name>`. */
  segment?: string
}

const TARGETING_MATCH = 'TARGETING_MATCH'
const SPLIT = 'SPLIT'
const SEGMENT_PREFIX = 'segment='

/**
 * Maps a Flagsmith evaluation reason to an OpenFeature reason.
 *
 * - `DEFAULT` (no segment override won) → `STATIC` for environment flags, which cannot vary by context, and `DEFAULT`
 *   for identity flags, where targeting exists but nothing matched (OpenFeature: "fell back to a pre-configured
 *   value"). Reporting `STATIC` for identities would tell caches the value is the same for everyone.
 * - `TARGETING_MATCH; segment=<name>` → `TARGETING_MATCH` with the segment name (identity overrides come from the
 *   engine as the segment `identity_overrides`).
 * - `SPLIT; weight=<n>` → `SPLIT`.
 * - No reason (flags from Flagsmith's remote API carry none) or an unknown one → `UNKNOWN`: the provider cannot tell
 *   whether a segment matched.
 *
 * Never throws.
 */
export function mapFlagReason(flagsmithReason: string | undefined, hasIdentity: boolean): MappedReason {
  if (flagsmithReason === undefined || flagsmithReason === '') return { reason: 'UNKNOWN' }
  const [kind = '', ...details] = flagsmithReason.split(';')
  switch (kind.trim()) {
    case 'DEFAULT':
      return { reason: hasIdentity ? 'DEFAULT' : 'STATIC' }
    case TARGETING_MATCH: {
      // A segment name may itself contain `;`, so everything after `segment=` is the name.
      const rest = details.join(';').trim()
      return rest.startsWith(SEGMENT_PREFIX)
        ? { reason: TARGETING_MATCH, segment: rest.slice(SEGMENT_PREFIX.length) }
        : { reason: TARGETING_MATCH }
    }
    case SPLIT:
      return { reason: SPLIT }
    default:
      return { reason: 'UNKNOWN' }
  }
}
