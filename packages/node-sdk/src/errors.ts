import { VexilError } from '@vexil/core-engine'

/**
 * A request to the Flagsmith API failed: a network error, a timeout, a non-2xx status (see `status`) or a response
 * that could not be understood. Flag reads never throw it; lifecycle calls and the flag-fetching methods may (see
 * the README's failure behaviour).
 */
export class FlagsmithAPIError extends VexilError {
  override name = 'FlagsmithAPIError'
}

/**
 * The client was used wrongly (bad options, local-only methods in remote mode) or could not serve a request
 * (closed, not ready). Thrown at once for programmer errors, with a message that says what to do.
 */
export class FlagsmithClientError extends VexilError {
  override name = 'FlagsmithClientError'
}
