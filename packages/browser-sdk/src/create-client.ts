import {
  type FlagMap,
  type FlagsSnapshot,
  isRetryableError,
  normalizeApiUrl,
  parseFlagsSnapshot,
  type TraitInput,
  VexilError,
} from '@vexil/core-engine'
import { createAnalytics } from './analytics'
import type { ClientOptions } from './client-options'
import { toDefaultFlags } from './default-flags'
import { fetchFlags } from './fetch-flags'
import { createFlagStore } from './flag-store'
import { type IdentityInput, identifyInput, setTraitsInput, toClientContext } from './identity-input'
import { createRealtime, type Realtime } from './realtime'
import { createFlagCache } from './storage'
import type { ClientContext, VexilClient } from './vexil-client'

/**
 * Creates a client evaluating flags remotely with Flagsmith's API or an edge proxy. It serves the bootstrap,
 * cached or default flags at once and fetches fresh ones in the background (unless `lazy`).
 * @throws VexilError `INVALID_OPTIONS` without an `environmentKey`, or with a server-side (`ser.`) key.
 * @example
 * ```ts
 * const client = createClient({ environmentKey: 'n9fbf9h3v4fFgH3U3ngWhb', realtime: true })
 * client.subscribe(() => render(client.isEnabled('new_checkout')))
 * await client.identify('user-123', { plan: 'pro' })
 * ```
 */
export function createClient(options: ClientOptions): VexilClient {
  const { environmentKey } = options
  if (typeof environmentKey !== 'string' || !environmentKey) {
    throw new VexilError('INVALID_OPTIONS', 'vexil: createClient() needs an environmentKey')
  }
  if (environmentKey.startsWith('ser.')) {
    throw new VexilError(
      'INVALID_OPTIONS',
      'vexil: a server-side key ("ser.…") must never reach a browser: use the client-side environment key',
    )
  }
  const logger = options.logger ?? console
  const apiUrl = normalizeApiUrl(options.apiUrl ?? 'https://edge.api.flagsmith.com/api/v1/')
  // Looked up at call time so a fetch polyfilled or mocked after creation is used, and never called unbound.
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const timeoutMs = options.requestTimeoutMs ?? 10_000
  const doc = typeof document === 'undefined' ? undefined : document
  const cache = createFlagCache({ storage: options.storage, environmentKey, logger })
  const analytics = options.enableAnalytics
    ? createAnalytics({ fetch: doFetch, url: `${apiUrl}analytics/flags/`, environmentKey, logger })
    : undefined

  let identity: IdentityInput = options.identity ? identifyInput(null, options.identity, options.traits) : null
  let bootstrap: FlagsSnapshot | undefined
  const parsed = options.bootstrap && parseFlagsSnapshot(options.bootstrap)
  if (parsed && !parsed.ok) logger.warn('vexil: ignoring an invalid bootstrap', parsed.error)
  else if (parsed) {
    const { environmentKey: bootstrapKey, identity: bootstrapIdentity } = parsed.value
    if (bootstrapKey !== environmentKey || (identity && bootstrapIdentity?.identifier !== identity.identifier)) {
      logger.warn('vexil: ignoring a bootstrap of another environment or identity')
    } else {
      bootstrap = parsed.value
      identity ??= bootstrapIdentity && { identifier: bootstrapIdentity.identifier, traits: bootstrapIdentity.traits }
    }
  }
  const defaults = toDefaultFlags(options.defaultFlags)
  const store = createFlagStore(
    {
      flags: bootstrap?.flags ?? defaults,
      status: { isLoading: !bootstrap, isFetching: false, error: null, source: bootstrap ? 'bootstrap' : 'default' },
    },
    analytics?.track,
  )

  let fetchedAt = bootstrap?.fetchedAt ?? 0
  let hasOwnFlags = !!bootstrap
  let context: ClientContext | undefined
  let isStarted = false
  let isClosed = false
  let version = 0
  let controller: AbortController | undefined
  let latest = Promise.resolve(store.getAllFlags())
  // Epoch seconds of the newest environment data seen, to ignore realtime events we are already past.
  let lastUpdatedAt = 0
  // The newest update announced while a request was in flight (Infinity: unknown), which its answer may predate.
  let pendingUpdatedAt = 0
  let realtime: Realtime | undefined
  let pollTimer: ReturnType<typeof setInterval> | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let failures = 0
  let analyticsTimer: ReturnType<typeof setInterval> | undefined

  const getSnapshot = (): FlagsSnapshot => ({
    environmentKey,
    identity: client.getContext(),
    flags: store.getAllFlags(),
    fetchedAt,
  })

  const applyCache = () => {
    const cached = cache.read(identity?.identifier ?? null)
    if (!cached) return
    hasOwnFlags = true
    fetchedAt = cached.fetchedAt
    store.update({ flags: cached.flags, status: { isLoading: false, source: 'cache' } })
  }

  // Every context change or refresh gets a version; a response for an older version is dropped, and its caller
  // follows the newer request instead, so the latest change always wins.
  const load = (): Promise<FlagMap> => {
    const current = ++version
    controller?.abort()
    clearTimeout(retryTimer)
    const abort = new AbortController()
    controller = abort
    const timer = setTimeout(
      () => abort.abort(new VexilError('TIMEOUT', `vexil: no answer from ${apiUrl} within ${timeoutMs} ms`)),
      timeoutMs,
    )
    store.update({ status: { isLoading: !hasOwnFlags, isFetching: true } })
    latest = fetchFlags({ fetch: doFetch, apiUrl, environmentKey, identity, signal: abort.signal }).then((result) => {
      clearTimeout(timer)
      if (isClosed) return store.getAllFlags()
      if (current !== version) return latest
      controller = undefined
      if (result.ok) {
        failures = 0
        lastUpdatedAt = Math.max(lastUpdatedAt, result.value.updatedAt ?? 0)
        fetchedAt = Date.now()
        hasOwnFlags = true
        store.update({
          flags: result.value.flags,
          status: { isLoading: false, isFetching: false, error: null, source: 'server' },
        })
        cache.write(getSnapshot())
      } else {
        logger.warn(result.error.message, result.error.cause)
        // Recover by itself, backing off so that a server in trouble is not hammered. A refused request (e.g. 401/403
        // for a wrong or revoked key) would be refused again: it waits for the next context change, poll, realtime
        // event or reconnect instead.
        if (isRetryableError(result.error)) retryTimer = setTimeout(load, Math.min(1000 * 2 ** failures++, 60_000))
        const status = { isLoading: false, isFetching: false, error: result.error }
        // Flags of the previous context must not outlive a failed switch: fall back to the defaults.
        if (hasOwnFlags) store.update({ status })
        else {
          fetchedAt = 0
          store.update({ flags: defaults, status: { ...status, source: 'default' } })
        }
      }
      const pending = pendingUpdatedAt
      pendingUpdatedAt = 0
      if (pending > lastUpdatedAt) onUpdate(pending === Number.POSITIVE_INFINITY ? undefined : pending)
      return store.getAllFlags()
    })
    return latest
  }

  const onUpdate = (updatedAt: number | undefined) => {
    if (updatedAt !== undefined && updatedAt <= lastUpdatedAt) return
    // The request in flight (often the first one, racing the stream's first event) may already carry the update:
    // its answer decides whether to fetch again, instead of aborting it.
    if (controller) pendingUpdatedAt = Math.max(pendingUpdatedAt, updatedAt ?? Number.POSITIVE_INFINITY)
    else {
      lastUpdatedAt = Math.max(lastUpdatedAt, updatedAt ?? 0)
      load()
    }
  }

  const onVisibilityChange = () => {
    if (doc?.hidden) {
      realtime?.close()
      analytics?.flush()
    } else {
      realtime?.open()
      // Realtime events and polls were skipped while hidden: catch up once.
      if (realtime || pollTimer) load()
    }
  }

  const start = () => {
    if (isStarted || isClosed) return
    isStarted = true
    if (options.realtime) {
      const EventSourceClass = options.EventSource ?? globalThis.EventSource
      if (EventSourceClass) {
        realtime = createRealtime({
          url: `${normalizeApiUrl(options.realtimeUrl ?? 'https://realtime.flagsmith.com/')}sse/environments/${environmentKey}/stream`,
          EventSource: EventSourceClass,
          onUpdate,
          // Events sent while the stream was down are lost; a first open also recovers from a failed request, unless
          // the API refused it, as no retry would help.
          onOpen: (isReconnect) => {
            const { error } = store.getStatus()
            if (isReconnect || (error && isRetryableError(error))) onUpdate(undefined)
          },
        })
        if (!doc?.hidden) realtime.open()
      } else logger.warn('vexil: realtime needs EventSource')
    }
    if (options.pollingIntervalMs) {
      pollTimer = setInterval(() => {
        if (!doc?.hidden && !controller) load()
      }, options.pollingIntervalMs)
    }
    if (analytics) analyticsTimer = setInterval(analytics.flush, 10_000)
    doc?.addEventListener('visibilitychange', onVisibilityChange)
  }

  // The first use of a lazy client, or the creation of an eager one.
  const begin = () => {
    if (isStarted || isClosed) return
    start()
    if (!bootstrap) applyCache()
    if (!bootstrap || Date.now() - bootstrap.fetchedAt >= (options.bootstrapMaxAgeMs ?? 60_000)) load()
  }

  const change = (next: IdentityInput): Promise<FlagMap> => {
    if (isClosed) return Promise.resolve(store.getAllFlags())
    start()
    const isNewIdentity = next?.identifier !== identity?.identifier
    identity = next
    context = undefined
    if (isNewIdentity) {
      hasOwnFlags = false
      applyCache()
    }
    return load()
  }

  const client: VexilClient = {
    isEnabled: store.isEnabled,
    getValue: store.getValue,
    getFlag: store.getFlag,
    getAllFlags: store.getAllFlags,
    getStatus: store.getStatus,
    getInitialState: store.getInitialState,
    subscribe: (listener) => {
      const unsubscribe = store.subscribe(listener)
      begin()
      return unsubscribe
    },
    ready: (readyOptions) => {
      begin()
      return store.ready(readyOptions)
    },
    identify: (identifier: string, traits?: Record<string, TraitInput>) =>
      change(identifyInput(identity, identifier, traits)),
    setTraits: (traits) => change(setTraitsInput(identity, traits)),
    logout: () => change(null),
    getContext: () => {
      if (context === undefined) context = toClientContext(identity)
      return context
    },
    getSnapshot,
    close() {
      if (isClosed) return
      isClosed = true
      controller?.abort()
      clearTimeout(retryTimer)
      clearInterval(pollTimer)
      clearInterval(analyticsTimer)
      realtime?.close()
      doc?.removeEventListener('visibilitychange', onVisibilityChange)
      analytics?.flush()
      store.close()
    },
  }
  if (!options.lazy) begin()
  return client
}
