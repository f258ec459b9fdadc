import { normalizeApiUrl } from '@vexil/core-engine'
import { compileDocumentText } from './compile-document-text'
import type { DocumentSource, DocumentSourceStatus, InstallEnvironment } from './document-source'
import type { EdgeProxyLogger } from './edge-proxy-logger'

// Bounds a `Link: rel="next"` chain that never ends (a misbehaving upstream) without cutting real ones (20+ pages).
const MAX_PAGES = 1000

/** Options of {@link createUpstreamDocumentSource}. */
export interface UpstreamDocumentSourceOptions {
  apiUrl: string
  serverKey: string
  refreshIntervalMs: number
  requestTimeoutMs: number
  install: InstallEnvironment
  logger: EdgeProxyLogger
  userAgent: string
}

interface Page {
  status: number
  etag: string | null
  next: string | null
  text: string
}

/**
 * Polls `environment-document/` of a Flagsmith API (or of another edge proxy) with a server-side key, following
 * `Link: rel="next"` pages of identity overrides, and installs each new valid document. A failed or invalid fetch
 * is logged once per outage and the last good document keeps serving.
 */
export function createUpstreamDocumentSource(options: UpstreamDocumentSourceOptions): DocumentSource {
  const apiUrl = normalizeApiUrl(options.apiUrl)
  const documentUrl = `${apiUrl}environment-document/`
  const { install, logger, refreshIntervalMs, requestTimeoutMs } = options
  let servedFingerprint: string | undefined
  let servedEtag: string | null = null
  let lastError: string | undefined
  let lastSuccessAt: number | undefined
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<void> | undefined
  let isClosed = false
  const closing = new AbortController()

  const fetchPage = async (url: string, etag: string | null): Promise<Page> => {
    const headers: Record<string, string> = {
      'X-Environment-Key': options.serverKey,
      Accept: 'application/json',
      'User-Agent': options.userAgent,
    }
    if (etag) headers['If-None-Match'] = etag
    const signal = AbortSignal.any([closing.signal, AbortSignal.timeout(requestTimeoutMs)])
    const response = await fetch(url, { headers, signal })
    const text = await response.text()
    const link = response.headers.get('link')
    const next = link ? (/<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] ?? null) : null
    return { status: response.status, etag: response.headers.get('etag'), next, text }
  }

  // Returns the document text to compile, `undefined` when upstream says it has not changed.
  const fetchDocument = async (): Promise<{ text: string; etag: string | null } | undefined> => {
    const first = await fetchPage(documentUrl, servedEtag)
    if (first.status === 304) return undefined
    if (first.status !== 200) throw new Error(`HTTP ${first.status} from ${documentUrl}`)
    if (!first.next) return { text: first.text, etag: first.etag }
    const document = JSON.parse(first.text) as { identity_overrides?: unknown[] }
    const overrides = document.identity_overrides ?? []
    let next: string | null = first.next
    for (let pages = 1; next; pages++) {
      if (pages >= MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages from ${documentUrl}`)
      const url: string = new URL(decodeURIComponent(next), apiUrl).href
      const page = await fetchPage(url, null)
      if (page.status !== 200) throw new Error(`HTTP ${page.status} from ${url}`)
      const json = JSON.parse(page.text) as { identity_overrides?: unknown[] }
      overrides.push(...(json.identity_overrides ?? []))
      next = page.next
    }
    document.identity_overrides = overrides
    // Paged documents have no single ETag to revalidate with.
    return { text: JSON.stringify(document), etag: null }
  }

  const fail = (message: string) => {
    if (message !== lastError) {
      logger.warn(`Upstream ${documentUrl}: ${message}; still serving the last good document`)
    }
    lastError = message
  }

  const poll = async (): Promise<void> => {
    let fetched: { text: string; etag: string | null } | undefined
    try {
      fetched = await fetchDocument()
    } catch (cause) {
      if (isClosed) return
      fail(describeFailure(cause))
      return
    }
    if (fetched && fetched.text !== servedFingerprint) {
      const compiled = compileDocumentText(fetched.text)
      if (!compiled.ok) {
        fail(`rejected the document: ${compiled.error.message}`)
        return
      }
      servedFingerprint = fetched.text
      servedEtag = fetched.etag
      install(compiled.value, fetched.text)
      logger.info(
        `Serving the document from ${documentUrl} (${compiled.value.environment.featureNames.length} features)`,
      )
    }
    if (lastError !== undefined) logger.info(`Upstream ${documentUrl} recovered`)
    lastError = undefined
    lastSuccessAt = Date.now()
  }

  const pollOnce = (): Promise<void> => {
    inFlight ??= poll().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }

  const scheduleNext = () => {
    if (isClosed) return
    timer = setTimeout(() => {
      void pollOnce().then(scheduleNext)
    }, refreshIntervalMs)
    timer.unref()
  }

  return {
    async start() {
      await pollOnce()
      scheduleNext()
    },
    refresh: pollOnce,
    status(): DocumentSourceStatus {
      return {
        kind: 'upstream',
        origin: apiUrl,
        isHealthy: lastError === undefined && lastSuccessAt !== undefined,
        ...(lastError === undefined ? {} : { lastError }),
        ...(lastSuccessAt === undefined ? {} : { lastSuccessAt }),
      }
    },
    async close() {
      isClosed = true
      clearTimeout(timer)
      closing.abort()
      await inFlight
    },
  }
}

// fetch() reports every network fault as "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause.
function describeFailure(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause)
  if (cause.name === 'TimeoutError') return 'request timed out'
  const inner = cause.cause as { code?: string; message?: string } | undefined
  const reason = inner?.code ?? inner?.message
  return reason ? `${cause.message} (${reason})` : cause.message
}
