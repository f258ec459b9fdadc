import type { FlagValue } from '@vexil/core-engine'
import { BaseFlag } from './default-flag'

/** What {@link Flag}'s constructor takes; the same fields as the official SDK's. */
export interface FlagInit {
  value: FlagValue | undefined
  enabled: boolean
  isDefault?: boolean
  featureId: number
  featureName: string
  reason?: string
}

/** An evaluated flag, in the official SDK's shape: `{ enabled, value, featureName, featureId, isDefault, reason? }`. */
export class Flag extends BaseFlag {
  /** The feature's id in the Flagsmith installation; `0` when the source did not say. */
  featureId: number
  /** The feature's name. */
  featureName: string
  /** Why the flag has this state, e.g. `DEFAULT` or `TARGETING_MATCH; segment=beta` (local evaluation only). */
  reason?: string

  constructor(init: FlagInit) {
    super(init.value, init.enabled, init.isDefault ?? false)
    this.featureId = init.featureId
    this.featureName = init.featureName
    if (init.reason !== undefined) this.reason = init.reason
  }
}
