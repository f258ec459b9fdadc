import type { VexilError } from './vexil-error'

/**
 * Whether a request answered with this HTTP status may succeed when sent again unchanged. A 4xx means the API
 * refused the request itself (401/403: a wrong or revoked environment key; 400, 404: a bad request or `apiUrl`), so
 * retrying only adds load, except 408 (Request Timeout: RFC 9110 §15.5.9 lets the client repeat it) and 429 (Too
 * Many Requests, RFC 6585 §4: try again later). Every other status, 5xx included, may be transient. Never throws.
 */
export function isRetryableStatus(status: number): boolean {
  return status < 400 || status > 499 || status === 408 || status === 429
}

/**
 * Whether a failed request may succeed when sent again unchanged: by {@link isRetryableStatus} when a response
 * arrived, and always when none did (`NETWORK_ERROR`, `TIMEOUT`) or the error is not about a response at all
 * (an invalid document). Never throws.
 */
export function isRetryableError(error: VexilError): boolean {
  // Without a status, 0 (below 400, so retryable): a few bytes less than an `undefined` check in the browser bundle.
  return isRetryableStatus(error.status ?? 0)
}

// Read the status structurally rather than with `instanceof`: an application may end up with more than one copy of
// core-engine, and causes can be anything.
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/**
 * Whether an error means the API refused the environment key (HTTP 401 or 403, from the error's `status`): no retry
 * and no other request with the same key can succeed, unlike the other refused requests of
 * {@link isRetryableStatus}. Looks through `cause` chains, never at messages. Never throws.
 */
export function isRejectedKeyError(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const status = statusOf(current)
    if (status === 401 || status === 403) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
