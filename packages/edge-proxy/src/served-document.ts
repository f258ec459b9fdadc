import { createHash } from 'node:crypto'
import {
  type ApiFlag,
  type CompiledEnvironment,
  type FlagResult,
  type ToApiFlagsOptions,
  toApiFlags,
} from '@vexil/core-engine'

/**
 * One version of the environment the proxy serves, with the responses that do not depend on the request rendered
 * once, so `flags/` and `environment-document/` cost a lookup rather than an evaluation per request.
 */
export class ServedDocument {
  readonly environment: CompiledEnvironment
  /** Counts installed versions from 1. */
  readonly version: number
  /**
   * Epoch seconds, strictly increasing from one version to the next: the value of realtime `updated_at` events and of
   * the `X-Flagsmith-Document-Updated-At` header.
   */
  readonly updatedAt: number
  /** When this version was installed, epoch ms. */
  readonly loadedAt: number
  readonly apiFlags: readonly ApiFlag[]
  readonly flagsJson: string
  /**
   * Derived from the content, not from `version`: a restarted proxy counts versions from 1 again, and a client must
   * not get 304 for a different document that happens to reuse a number.
   */
  readonly etag: string
  /** The JSON text the document was compiled from, served as is by `environment-document/`. */
  readonly documentJson: string
  #apiFlagsByName: Map<string, ApiFlag> | undefined
  readonly #apiFlagsOptions: ToApiFlagsOptions
  // PERFORMANCE NOTE: serialising 200 flags costs several times their evaluation. The engine hands out the same
  // result object for the same outcome (a few hundred objects over millions of evaluations), so each one's JSON is
  // rendered once. Weak keys: a cache miss costs one JSON.stringify, never memory.
  #flagJson = new WeakMap<FlagResult, string>()

  constructor(init: {
    environment: CompiledEnvironment
    /** Each feature's `feature.type` from the document, which flag states report. */
    featureTypes: ReadonlyMap<string, string>
    version: number
    updatedAt: number
    loadedAt: number
    documentJson: string
  }) {
    this.environment = init.environment
    this.version = init.version
    this.updatedAt = init.updatedAt
    this.loadedAt = init.loadedAt
    this.documentJson = init.documentJson
    this.#apiFlagsOptions = { environmentId: this.environmentId, featureTypes: init.featureTypes }
    this.apiFlags = toApiFlags(init.environment.getEnvironmentFlags().flags, this.#apiFlagsOptions)
    this.flagsJson = JSON.stringify(this.apiFlags)
    this.etag = `"${createHash('sha256').update(this.documentJson).digest('base64url').slice(0, 27)}"`
  }

  /** The document's numeric `id`, echoed in flag states like the Flagsmith API does. */
  get environmentId(): number | undefined {
    return this.environment.id
  }

  /** The JSON array of flag states for evaluated `flags`, as `identities/` serves it. */
  renderFlagsJson(flags: Readonly<Record<string, FlagResult>>): string {
    const parts: string[] = []
    for (const name in flags) {
      const flag = flags[name]!
      let json = this.#flagJson.get(flag)
      if (json === undefined) {
        json = JSON.stringify(toApiFlags({ [name]: flag }, this.#apiFlagsOptions)[0])
        this.#flagJson.set(flag, json)
      }
      parts.push(json)
    }
    return `[${parts.join(',')}]`
  }

  /** The environment flag state of one feature, as `flags/?feature=<name>` serves it. */
  getApiFlag(name: string): ApiFlag | undefined {
    this.#apiFlagsByName ??= new Map(this.apiFlags.map((flag) => [flag.feature.name, flag]))
    return this.#apiFlagsByName.get(name)
  }
}
