/** How retry delays grow. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in milliseconds. */
  baseMs: number
  /** The largest delay ever returned, in milliseconds. */
  maxMs: number
  /** A number in [0, 1); injected so tests are deterministic. @defaultValue `Math.random` */
  random?: () => number
}

/**
 * The delay before retry number `attempt` (0 for the first retry): exponential growth with "full jitter", a
 * uniformly random delay below the exponential ceiling, so that many clients recovering from the same outage do
 * not retry in lockstep. Never throws.
 */
export function computeBackoff(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30))
  return Math.floor(random() * ceiling)
}
