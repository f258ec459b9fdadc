const REJECTED_STATUSES = new Set([401, 403])

// browser-sdk reports HTTP failures only in the message ("… answered 401").
const ANSWERED_STATUS = /\banswered (\d{3})\b/

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const status = (error as { status?: unknown }).status
  if (typeof status === 'number') return status
  const message = (error as { message?: unknown }).message
  const match = typeof message === 'string' ? ANSWERED_STATUS.exec(message) : null
  return match ? Number(match[1]) : undefined
}

/**
 * Whether an SDK error means the API refused the environment key (HTTP 401 or 403): retrying cannot help, so the
 * provider reports `PROVIDER_FATAL`. Looks through `cause` chains. Never throws.
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
