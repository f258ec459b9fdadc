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
  constructor(code: VexilErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}
