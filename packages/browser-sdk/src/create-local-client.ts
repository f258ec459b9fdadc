import {
  type CompiledEnvironment,
  compileEnvironment,
  type FlagMap,
  type TraitInput,
  VexilError,
} from '@vexil/core-engine'
import type { DefaultFlag, Logger } from './client-options'
import { toDefaultFlags } from './default-flags'
import { createFlagStore } from './flag-store'
import { type IdentityInput, identifyInput, setTraitsInput, toClientContext } from './identity-input'
import type { ClientContext, VexilClient } from './vexil-client'

/** Options of {@link createLocalClient}. */
export interface LocalClientOptions {
  /**
   * The environment document to evaluate (the parsed JSON Flagsmith serves at `environment-document/`), for
   * instance from your own backend. It holds every segment rule: ship it only where that is acceptable.
   */
  document: unknown
  /** The identity to evaluate flags for from the start; anonymous without it. */
  identity?: string
  /** Traits of {@link LocalClientOptions.identity}. */
  traits?: Record<string, TraitInput>
  /** Flags served while no valid document was given. */
  defaultFlags?: Record<string, DefaultFlag>
  /** @defaultValue `console` */
  logger?: Logger
}

/** A client evaluating flags in the page from an environment document, without requests. */
export interface LocalClient extends VexilClient {
  /**
   * Evaluates a newer document from now on, e.g. one fetched after a realtime event. An invalid document is logged
   * and reported in `getStatus().error`, and the last valid one keeps serving. Returns whether it was applied.
   */
  setDocument(document: unknown): boolean
}

/**
 * Creates a client evaluating flags locally with the same engine as the server SDKs: reads, `identify`, `setTraits`
 * and `logout` settle at once and make no request. Flags hidden by `hide_disabled_flags` are absent. An invalid
 * document does not throw: the default flags are served and `ready()` rejects with `INVALID_DOCUMENT`.
 * @throws VexilError `INVALID_OPTIONS` when `identity` is an empty string.
 * @example
 * ```ts
 * import { createLocalClient } from '@vexil/browser-sdk/local'
 * const client = createLocalClient({ document: await (await fetch('/flags/environment.json')).json() })
 * await client.identify('user-123', { plan: 'pro' })
 * client.isEnabled('pro_export_feature')
 * ```
 */
export function createLocalClient(options: LocalClientOptions): LocalClient {
  const logger = options.logger ?? console
  const defaults = toDefaultFlags(options.defaultFlags)
  let identity: IdentityInput =
    options.identity === undefined ? null : identifyInput(null, options.identity, options.traits)
  let context: ClientContext | undefined
  let environment: CompiledEnvironment | undefined
  let error: VexilError | null = null
  let evaluatedAt = Date.now()

  const compile = (document: unknown): boolean => {
    try {
      environment = compileEnvironment(document)
      error = null
      return true
    } catch (cause) {
      error =
        cause instanceof VexilError ? cause : new VexilError('INVALID_DOCUMENT', 'vexil: invalid document', { cause })
      logger.warn(`vexil: ignoring an invalid environment document: ${error.message}`)
      return false
    }
  }
  const getContext = () => {
    context ??= toClientContext(identity)
    return context
  }
  const evaluate = (): FlagMap => {
    evaluatedAt = Date.now()
    if (!environment) return defaults
    const current = getContext()
    return (
      current ? environment.getIdentityFlags(current.identifier, current.traits) : environment.getEnvironmentFlags()
    ).flags
  }
  const status = () =>
    ({ isLoading: false, isFetching: false, error, source: environment ? 'local' : 'default' }) as const

  compile(options.document)
  const store = createFlagStore({ flags: evaluate(), status: status() })
  let isClosed = false

  const change = (next: IdentityInput): Promise<FlagMap> => {
    if (!isClosed) {
      identity = next
      context = undefined
      store.update({ flags: evaluate() })
    }
    return Promise.resolve(store.getAllFlags())
  }

  return {
    isEnabled: store.isEnabled,
    getValue: store.getValue,
    getFlag: store.getFlag,
    getAllFlags: store.getAllFlags,
    getStatus: store.getStatus,
    getInitialState: store.getInitialState,
    subscribe: store.subscribe,
    ready: store.ready,
    identify: (identifier, traits) => change(identifyInput(identity, identifier, traits)),
    setTraits: (traits) => change(setTraitsInput(identity, traits)),
    logout: () => change(null),
    getContext,
    getSnapshot: () => ({
      environmentKey: environment?.key ?? '',
      identity: getContext(),
      flags: store.getAllFlags(),
      fetchedAt: evaluatedAt,
    }),
    setDocument(document) {
      if (isClosed) return false
      const isApplied = compile(document)
      store.update(isApplied ? { flags: evaluate(), status: status() } : { status: { error } })
      return isApplied
    },
    close() {
      isClosed = true
      store.close()
    },
  }
}
