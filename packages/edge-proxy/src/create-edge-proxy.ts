import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CompiledEnvironment, VexilError } from '@vexil/core-engine'
import packageJson from '../package.json'
import { createRequestHandler } from './create-request-handler'
import type { DocumentSource, InstallEnvironment } from './document-source'
import { consoleLogger, type EdgeProxyLogger } from './edge-proxy-logger'
import { EnvironmentState } from './environment-state'
import { createFileDocumentSource } from './file-document-source'
import { IdentityTraitStore } from './identity-trait-store'
import { RealtimeHub } from './realtime-hub'
import { createUpstreamDocumentSource } from './upstream-document-source'

/** Where an upstream-mode proxy gets its document. */
export interface EdgeProxyUpstreamOptions {
  /** The Flagsmith API base URL, e.g. `https://edge.api.flagsmith.com/api/v1/` or another proxy's `/api/v1/`. */
  apiUrl: string
  /** The server-side key (`ser.…`) to fetch the document with. @defaultValue the first of `serverKeys` */
  serverKey?: string
  /** Seconds between polls. @defaultValue 10 (as Flagsmith's own Edge Proxy) */
  refreshIntervalSeconds?: number
  /** Seconds before a fetch is abandoned. @defaultValue 10 */
  requestTimeoutSeconds?: number
}

/** Options of {@link createEdgeProxy}. Pass exactly one of `document` and `upstream`. */
export interface EdgeProxyOptions {
  /** Path of an environment document file to serve; it is watched and every valid change is served at once. */
  document?: string
  /** A Flagsmith API to poll for the environment document. */
  upstream?: EdgeProxyUpstreamOptions
  /** Server-side keys (`ser.…`) that may read `environment-document/` (and everything else). @defaultValue [] */
  serverKeys?: readonly string[]
  /** TCP port; 0 picks a free one (read it from `url`). @defaultValue 8000 (as Flagsmith's own Edge Proxy) */
  port?: number
  /** Interface to listen on. @defaultValue '127.0.0.1' */
  host?: string
  /** @defaultValue console warnings and errors */
  logger?: EdgeProxyLogger
  /** Largest accepted request body; larger ones get 413. @defaultValue 1 MiB */
  maxBodyBytes?: number
  /** How many identities' stored traits are kept in memory (least recently used dropped). @defaultValue 10000 */
  maxStoredIdentities?: number
  /** Seconds between heartbeat comments on realtime streams. @defaultValue 15 */
  heartbeatIntervalSeconds?: number
  /**
   * Quiet time after a change of the document file before it is read. Short, because a half-written file is not
   * served: it is invalid JSON, and is read again 100 ms later before it is reported. @defaultValue 5
   */
  watchDebounceMs?: number
  /** How often the document file is also checked by stat, in case change events are lost. @defaultValue 2000 */
  watchPollIntervalMs?: number
  /** The clock (epoch ms), for tests. @defaultValue Date.now */
  now?: () => number
}

/** A running edge proxy. */
export interface EdgeProxy extends AsyncDisposable {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8000`. */
  readonly url: string
  /** The Flagsmith API URL to give SDKs: `${url}/api/v1/`. */
  readonly apiUrl: string
  readonly port: number
  /** The environment being served; `undefined` while an upstream proxy waits for its first document. */
  getEnvironment(): CompiledEnvironment | undefined
  /** Reads the document source now; resolves once that read was served or rejected. Never rejects. */
  refresh(): Promise<void>
  /** Calls `listener` with every newly served document; returns the function that unsubscribes. */
  subscribe(listener: (change: { environment: CompiledEnvironment; updatedAt: number }) => void): () => void
  /** Stops the source, ends realtime streams and closes the server. Idempotent. */
  close(): Promise<void>
}

function invalidOptions(message: string): VexilError {
  return new VexilError('INVALID_OPTIONS', message)
}

function checkOptions(options: EdgeProxyOptions): void {
  if ((options.document === undefined) === (options.upstream === undefined)) {
    throw invalidOptions('Pass exactly one of `document` (a file path) and `upstream` ({ apiUrl, serverKey })')
  }
  for (const key of options.serverKeys ?? []) {
    // A client key here would hand the whole document, segments included, to any browser.
    if (!key.startsWith('ser.')) throw invalidOptions(`Server-side keys start with "ser."; got "${key}"`)
  }
  const port = options.port ?? 8000
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalidOptions(`\`port\` must be an integer from 0 to 65535; got ${port}`)
  }
  if (options.upstream) {
    const serverKey = options.upstream.serverKey ?? options.serverKeys?.[0]
    if (!serverKey) throw invalidOptions('Upstream mode needs a server-side key (`upstream.serverKey`)')
    if (!serverKey.startsWith('ser.')) throw invalidOptions(`Server-side keys start with "ser."; got "${serverKey}"`)
    if (!URL.canParse(options.upstream.apiUrl) || !/^https?:/.test(options.upstream.apiUrl)) {
      throw invalidOptions(`\`upstream.apiUrl\` must be an http(s) URL; got "${options.upstream.apiUrl}"`)
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (cause: Error) =>
      reject(new VexilError('INVALID_OPTIONS', `Cannot listen on ${host}:${port}`, { cause }))
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
}

/**
 * Starts a Flagsmith-API-compatible server that evaluates flags in-process from a document file or an upstream
 * Flagsmith API. Rejects with `INVALID_OPTIONS` for bad options, an unreadable file or a port in use, and with
 * `INVALID_DOCUMENT` when the file is invalid at start; later faults (an invalid edit, upstream down) are logged and
 * the last good document keeps serving.
 *
 * @example
 * const proxy = await createEdgeProxy({ document: 'environment.json', serverKeys: ['ser.local'], port: 0 })
 * const flagsmith = new Flagsmith({ environmentKey: 'ser.local', apiUrl: proxy.apiUrl, enableLocalEvaluation: true })
 */
export async function createEdgeProxy(options: EdgeProxyOptions): Promise<EdgeProxy> {
  checkOptions(options)
  const logger = options.logger ?? consoleLogger
  const now = options.now ?? Date.now
  const host = options.host ?? '127.0.0.1'
  const serverKeys = new Set(options.serverKeys ?? [])
  const state = new EnvironmentState({ now })
  const store = new IdentityTraitStore({ maxIdentities: options.maxStoredIdentities ?? 10_000 })
  const install: InstallEnvironment = (document, documentJson) => {
    // Stored traits belong to one environment; another one starts afresh.
    if (state.current && state.current.environment.key !== document.environment.key) store.clear()
    state.install(document, documentJson)
  }

  let source: DocumentSource
  if (options.upstream) {
    const serverKey = (options.upstream.serverKey ?? options.serverKeys?.[0])!
    serverKeys.add(serverKey)
    source = createUpstreamDocumentSource({
      apiUrl: options.upstream.apiUrl,
      serverKey,
      refreshIntervalMs: (options.upstream.refreshIntervalSeconds ?? 10) * 1000,
      requestTimeoutMs: (options.upstream.requestTimeoutSeconds ?? 10) * 1000,
      install,
      logger,
      userAgent: `vexil-edge/${packageJson.version}`,
    })
  } else {
    source = createFileDocumentSource({
      path: options.document!,
      install,
      logger,
      debounceMs: options.watchDebounceMs ?? 5,
      pollIntervalMs: options.watchPollIntervalMs ?? 2000,
    })
  }
  await source.start()

  const hub = new RealtimeHub({ heartbeatIntervalMs: (options.heartbeatIntervalSeconds ?? 15) * 1000 })
  state.subscribe((served) => hub.broadcast(served.updatedAt))
  const handler = createRequestHandler({
    state,
    source,
    hub,
    store,
    serverKeys,
    logger,
    now,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
  })
  const server = createServer(handler)
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  try {
    await listen(server, options.port ?? 8000, host)
  } catch (error) {
    hub.close()
    await source.close()
    throw error
  }
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  let closing: Promise<void> | undefined

  const close = () => {
    closing ??= (async () => {
      await source.close()
      hub.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    })()
    return closing
  }

  return {
    url,
    apiUrl: `${url}/api/v1/`,
    port,
    getEnvironment: () => state.current?.environment,
    refresh: () => source.refresh(),
    subscribe: (listener) =>
      state.subscribe((served) => {
        try {
          listener({ environment: served.environment, updatedAt: served.updatedAt })
        } catch (cause) {
          logger.error('A subscribe() listener threw', cause)
        }
      }),
    close,
    [Symbol.asyncDispose]: close,
  }
}
