const REJECTED_STATUSES = new Set([401, 403])

// Both SDKs report HTTP failures as a `VexilError` with the response's `status`. Read it structurally rather than
// with `instanceof`: an application may end up with more than one copy of core-engine, and causes can be anything.
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/**
 * Whether an SDK error means the API refused the environment key (HTTP 401 or 403, from the error's `status`):
 * retrying cannot help, so the provider reports `PROVIDER_FATAL`. Looks through `cause` chains. Never throws.
 */
export function isRejectedKeyError(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const status = statusOf(current)
    if (status !== undefined && REJECTED_STATUSES.has(status)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
