/**
 * Reads a `Retry-After` header (delta-seconds or an HTTP date, RFC 9110 §10.2.3) as milliseconds from `now`.
 * Returns `undefined` when the header is absent or unreadable, so callers fall back to their own backoff.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined
  const trimmed = header.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
