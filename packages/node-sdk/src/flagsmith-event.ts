import type { VexilError } from '@vexil/core-engine'

/**
 * What {@link Flagsmith.subscribe} listeners receive:
 * - `change`: a new environment document is served (local evaluation), with the features whose flags may differ;
 * - `stale`: a refresh or request failed after the client had data, which keeps serving;
 * - `recovered`: the next refresh or request after `stale` succeeded.
 */
export type FlagsmithEvent =
  | { type: 'change'; flagsChanged: string[] }
  | { type: 'stale'; error: VexilError }
  | { type: 'recovered' }

/** A {@link FlagsmithEvent} listener; exceptions it throws are logged and ignored. */
export type FlagsmithListener = (event: FlagsmithEvent) => void
