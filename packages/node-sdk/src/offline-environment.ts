import { type CompiledEnvironment, compileEnvironment } from '@vexil/core-engine'
import { FlagsmithClientError } from './errors'
import type { OfflineHandler } from './local-file-handler'

/**
 * Compiles the document of an `offlineHandler` once, at construction. Throws a `FlagsmithClientError` (code
 * `INVALID_DOCUMENT`) naming the first problem: a broken offline document is a configuration error, and nothing
 * else would be there to serve.
 */
export function compileOfflineEnvironment(handler: OfflineHandler): CompiledEnvironment {
  try {
    return compileEnvironment(handler.getEnvironment())
  } catch (cause) {
    if (cause instanceof FlagsmithClientError) throw cause
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new FlagsmithClientError(
      'INVALID_DOCUMENT',
      `The offlineHandler's environment document is invalid: ${reason}`,
      {
        cause,
      },
    )
  }
}
