import { type CompiledEnvironment, compileEnvironment } from '@vexil/core-engine'
import { FlagsmithClientError } from './errors'
import { type FeatureFingerprints, featureFingerprints } from './feature-fingerprints'
import type { OfflineHandler } from './local-file-handler'

/** An offline handler's document, compiled, with the fingerprints that the API's first document is compared to. */
export interface OfflineEnvironment {
  readonly environment: CompiledEnvironment
  readonly fingerprints: FeatureFingerprints
}

/**
 * Compiles the document of an `offlineHandler` once, at construction. Throws a `FlagsmithClientError` (code
 * `INVALID_DOCUMENT`) naming the first problem: a broken offline document is a configuration error, and nothing
 * else would be there to serve.
 */
export function compileOfflineEnvironment(handler: OfflineHandler): OfflineEnvironment {
  try {
    const document = handler.getEnvironment()
    const environment = compileEnvironment(document)
    return { environment, fingerprints: featureFingerprints(document) }
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
