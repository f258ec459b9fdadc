import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DocumentSource } from './document-source'
import type { EdgeProxyLogger } from './edge-proxy-logger'
import type { EnvironmentState } from './environment-state'
import { DOCUMENT_UPDATED_AT_HEADER, getIdentity, postIdentity } from './identities-endpoint'
import type { IdentityTraitStore } from './identity-trait-store'
import { readJsonBody } from './read-json-body'
import type { RealtimeHub } from './realtime-hub'
import { sendError, sendJson } from './send-json'
import type { ServedDocument } from './served-document'

/** What the request handler serves from. */
export interface RequestHandlerContext {
  state: EnvironmentState
  source: DocumentSource
  hub: RealtimeHub
  store: IdentityTraitStore
  serverKeys: ReadonlySet<string>
  maxBodyBytes: number
  logger: EdgeProxyLogger
  now: () => number
}

type Access = 'public' | 'client' | 'server'
type Handler = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams, served: ServedDocument) => unknown

interface Route {
  access: Access
  methods: Partial<Record<'GET' | 'POST', Handler>>
}

// The headers Flagsmith's browser and server SDKs send, so their preflights pass.
const ALLOWED_HEADERS = [
  'Content-Type',
  'X-Environment-Key',
  'Flagsmith-Application-Name',
  'Flagsmith-Application-Version',
  'Flagsmith-SDK-User-Agent',
  'If-None-Match',
  'Cache-Control',
  'Last-Event-ID',
].join(', ')

const SSE_PATH = /^\/sse\/environments\/([^/]+)\/stream$/

/**
 * Builds the proxy's request listener: Flagsmith's SDK endpoints under `/api/v1/`, the realtime stream and `/health`.
 * Every failure becomes a JSON `{ detail }` response; the listener never throws.
 */
export function createRequestHandler(
  context: RequestHandlerContext,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { state, store, serverKeys, maxBodyBytes } = context

  const sendCached = (req: IncomingMessage, res: ServerResponse, served: ServedDocument, body: string) => {
    const headers = { ETag: served.etag, [DOCUMENT_UPDATED_AT_HEADER]: String(served.updatedAt) }
    if (req.headers['if-none-match'] === served.etag) {
      res.writeHead(304, headers)
      res.end()
    } else {
      sendJson(res, 200, body, headers)
    }
  }

  const routes: Record<string, Route> = {
    '/api/v1/flags': {
      access: 'client',
      methods: {
        GET: (req, res, query, served) => {
          const feature = query.get('feature')
          if (feature === null) return sendCached(req, res, served, served.flagsJson)
          const flag = served.getApiFlag(feature)
          if (flag) sendJson(res, 200, flag, { [DOCUMENT_UPDATED_AT_HEADER]: String(served.updatedAt) })
          else sendError(res, 404, `Feature "${feature}" not found`)
        },
      },
    },
    '/api/v1/identities': {
      access: 'client',
      methods: {
        GET: (_req, res, query, served) => getIdentity(res, query, served, store),
        POST: (req, res) => postIdentity(req, res, { maxBodyBytes, store, getServed: () => state.current }),
      },
    },
    '/api/v1/environment-document': {
      access: 'server',
      methods: { GET: (req, res, _query, served) => sendCached(req, res, served, served.documentJson) },
    },
    '/api/v1/analytics/flags': {
      access: 'client',
      methods: {
        POST: async (req, res) => {
          const body = await readJsonBody(req, maxBodyBytes)
          if (!body.ok)
            return sendError(res, body.status, body.message, body.status === 413 ? { Connection: 'close' } : {})
          if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
            return sendError(res, 400, 'Analytics body must be an object of feature names to evaluation counts')
          }
          // Accepted and dropped: the proxy has nowhere to report evaluation counts to.
          sendJson(res, 200, {})
        },
      },
    },
  }

  const handleHealth = (res: ServerResponse) => {
    const served = state.current
    const source = context.source.status()
    if (!served) {
      sendJson(res, 503, { status: 'starting', source })
      return
    }
    sendJson(res, 200, {
      status: source.isHealthy ? 'ok' : 'stale',
      environment: { key: served.environment.key, name: served.environment.name },
      documentUpdatedAt: served.updatedAt,
      documentLoadedAt: new Date(served.loadedAt).toISOString(),
      documentAgeSeconds: Math.max(0, (context.now() - served.loadedAt) / 1000),
      realtimeClients: context.hub.size,
      source,
    })
  }

  const isAuthorized = (key: string, access: Access, served: ServedDocument) =>
    access === 'public' || serverKeys.has(key) || (access === 'client' && key === served.environment.key)

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Expose-Headers', `${DOCUMENT_UPDATED_AT_HEADER}, ETag`)
    const target = req.url ?? '/'
    const queryAt = target.indexOf('?')
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt)
    const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath
    const query = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1))
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET')
    const sse = SSE_PATH.exec(path)
    const route = routes[path]
    const allowed = route ? Object.keys(route.methods) : sse || path === '/health' ? ['GET'] : undefined

    if (!allowed) return sendError(res, 404, `No such endpoint: ${rawPath}`)
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': `${allowed.join(', ')}, OPTIONS`,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '86400',
      })
      res.end()
      return
    }
    if (!allowed.includes(method)) {
      return sendError(res, 405, `Method ${req.method} is not allowed on ${rawPath}`, {
        Allow: `${allowed.join(', ')}, OPTIONS`,
      })
    }
    if (path === '/health') return handleHealth(res)

    const served = state.current
    if (!served) return sendError(res, 503, 'No environment document has been loaded yet')
    if (sse) {
      let key: string
      try {
        key = decodeURIComponent(sse[1]!)
      } catch {
        return sendError(res, 400, 'Malformed environment key in the stream URL')
      }
      if (!isAuthorized(key, 'client', served)) return sendError(res, 401, 'Unknown environment key')
      context.hub.add(res, served.updatedAt)
      return
    }

    const header = req.headers['x-environment-key']
    const key = Array.isArray(header) ? header[0] : header
    if (!key) return sendError(res, 401, 'Missing X-Environment-Key header')
    const { access, methods } = route!
    if (!isAuthorized(key, access, served)) {
      if (access === 'server' && key === served.environment.key) {
        return sendError(res, 403, 'This endpoint requires a server-side environment key')
      }
      return sendError(res, 401, 'Invalid X-Environment-Key')
    }
    await methods[method as 'GET' | 'POST']!(req, res, query, served)
  }

  return (req, res) => {
    handle(req, res).catch((cause) => {
      context.logger.error(`Unexpected failure serving ${req.method} ${req.url}`, cause)
      if (!res.headersSent) sendError(res, 500, 'Internal error')
      else res.destroy()
    })
  }
}
