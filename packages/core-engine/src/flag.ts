import type { FlagValue } from './types'

/**
 * A flag as the SDKs hold it: evaluated locally (with `reason` and `variant`) or received from the API (without).
 * `metadata.id` is the Flagsmith feature id when known. Engine results ({@link FlagResult}) are assignable to it.
 */
export interface Flag {
  name: string
  enabled: boolean
  value: FlagValue
  reason?: string
  variant?: string | null
  metadata?: Record<string, unknown>
}

/** Flags by feature name. */
export type FlagMap = Record<string, Flag>
