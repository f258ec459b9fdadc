import { readFileSync } from 'node:fs'
import type { EnvironmentDocument } from '@vexil/core-engine'
import { FlagsmithClientError } from './errors'

/**
 * Supplies an environment document without the network, for `offlineMode` or as a fallback. Unlike the official
 * SDK's handlers, it returns the document (JSON) rather than an engine model; the client compiles it.
 */
export interface OfflineHandler {
  getEnvironment(): EnvironmentDocument
}

/** Base class for offline handlers, kept for code that extends the official SDK's `BaseOfflineHandler`. */
export class BaseOfflineHandler implements OfflineHandler {
  /** Throws: subclasses return the document. */
  getEnvironment(): EnvironmentDocument {
    throw new FlagsmithClientError('INVALID_OPTIONS', 'BaseOfflineHandler.getEnvironment() must be overridden')
  }
}

/**
 * Reads an environment document (as served by `environment-document/`) from a JSON file once, at construction.
 * Throws a `FlagsmithClientError` at once when the file cannot be read or is not JSON, as the official SDK throws.
 *
 * @example
 * ```ts
 * const flagsmith = new Flagsmith({ offlineMode: true, offlineHandler: new LocalFileHandler('./environment.json') })
 * ```
 */
export class LocalFileHandler extends BaseOfflineHandler {
  #document: EnvironmentDocument

  constructor(environmentDocumentPath: string) {
    super()
    let text: string
    try {
      text = readFileSync(environmentDocumentPath, 'utf8')
    } catch (cause) {
      throw new FlagsmithClientError(
        'INVALID_OPTIONS',
        `Cannot read the environment document ${environmentDocumentPath}`,
        {
          cause,
        },
      )
    }
    try {
      this.#document = JSON.parse(text) as EnvironmentDocument
    } catch (cause) {
      throw new FlagsmithClientError('INVALID_DOCUMENT', `${environmentDocumentPath} is not valid JSON`, { cause })
    }
  }

  /** The document read at construction. */
  override getEnvironment(): EnvironmentDocument {
    return this.#document
  }
}
