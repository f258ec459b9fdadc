import type { VexilError } from '@vexil/core-engine'

/**
 * Whether a failed request may succeed when sent again unchanged. A 4xx answer means the API refused the request
 * itself (401/403: a wrong or revoked environment key; 400, 404: a bad request or `apiUrl`), so retrying only adds
 * load, except 408 (Request Timeout: RFC 9110 §15.5.9 lets the client repeat it) and 429 (Too Many Requests,
 * RFC 6585 §4: try again later). 5xx, no response (`NETWORK_ERROR`, `TIMEOUT`) and an invalid document may be
 * transient. Never throws.
 */
export function isRetryableError(error: VexilError): boolean {
  const status = error.status ?? 0
  return status < 400 || status > 499 || status === 408 || status === 429
}
