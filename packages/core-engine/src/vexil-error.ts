/** What went wrong, as a stable machine-readable code. */
export type VexilErrorCode =
  | 'INVALID_DOCUMENT'
  | 'INVALID_RESPONSE'
  | 'INVALID_OPTIONS'
  | 'NETWORK_ERROR'
  | 'HTTP_ERROR'
  | 'TIMEOUT'
  | 'NOT_READY'
  | 'CLOSED'
  | 'FLAG_NOT_FOUND'
  | 'TYPE_MISMATCH'

/** The one error type of every Vexil package; subclasses only add fields. */
export class VexilError extends Error {
  override name = 'VexilError'
  readonly code: VexilErrorCode
  /**
   * The HTTP status of the response behind the error, when a response arrived: always set for `HTTP_ERROR`
   * (e.g. 401 or 403 for a rejected key, 5xx for a transient fault); `undefined` for errors without a response.
   */
  readonly status: number | undefined
  constructor(code: VexilErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options)
    this.code = code
    this.status = options?.status
  }
}
