import type { VexilError } from '@vexil/core-engine'

/**
 * What {@link Flagsmith.subscribe} listeners receive:
 * - `change`: flags may differ, with the names of the features concerned: a new environment document is served
 *   (local evaluation), or the environment flags changed after a realtime event (remote evaluation);
 * - `stale`: a refresh or request failed after the client had data, which keeps serving;
 * - `recovered`: the next refresh or request after `stale` succeeded.
 */
export type FlagsmithEvent =
  | { type: 'change'; flagsChanged: string[] }
  | { type: 'stale'; error: VexilError }
  | { type: 'recovered' }

/** A {@link FlagsmithEvent} listener; exceptions it throws are logged and ignored. */
export type FlagsmithListener = (event: FlagsmithEvent) => void
