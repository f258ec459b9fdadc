import type { Result } from '@vexil/core-engine'
import { FlagsmithAPIError } from './errors'
import type { HttpClient } from './http-client'
import type { Logger } from './logger'

/** Options of {@link fetchEnvironmentDocument}. */
export interface FetchEnvironmentDocumentOptions {
  http: HttpClient
  /** The `environment-document/` URL. */
  url: string
  /** The ETag of the previous, single-page document; sent as `If-None-Match`. */
  etag?: string | undefined
  /** Fetches slower than this log a warning: the document is then older than the polling promises. */
  refreshIntervalMs: number
  logger: Logger
  /** A bound on pages, so a server that links in a circle cannot keep the client busy forever. */
  maxPages?: number
}

/** The outcome of a document fetch. */
export type DocumentFetch =
  | { status: 'not-modified' }
  | { status: 'fetched'; document: unknown; etag: string | undefined; pages: number }

function nextLink(header: string | null): string | undefined {
  if (!header) return undefined
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim())
    if (match && /(^|;)\s*rel\s*=\s*"?next"?\s*(;|$)/i.test(match[2]!)) {
      const target = match[1]!
      // The edge API has been seen to send the whole path percent-encoded; a normal link keeps its escapes.
      return /^%2F/i.test(target) ? decodeURIComponent(target) : target
    }
  }
  return undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Fetches the environment document, following `Link: <…>; rel="next"` pages and appending each page's
 * `identity_overrides` to the first page's document (flagsmith-api.md, pagination). A conditional request is only
 * made for documents that came in one page: an ETag of the first page says nothing about the others.
 * Resolves with a `FlagsmithAPIError` on any failure; never rejects.
 */
export async function fetchEnvironmentDocument(
  options: FetchEnvironmentDocumentOptions,
): Promise<Result<DocumentFetch>> {
  const { http, logger, refreshIntervalMs, maxPages = 1000 } = options
  const started = Date.now()
  let warned = false
  let url = options.url
  let document: Record<string, unknown> | undefined
  let etag: string | undefined
  const seen = new Set<string>()
  for (let page = 1; ; page++) {
    const headers: Record<string, string> = page === 1 && options.etag ? { 'If-None-Match': options.etag } : {}
    const response = await http.request(url, { headers })
    if (!response.ok) return response
    const { status, json } = response.value
    if (status === 304) {
      if (page === 1) return { ok: true, value: { status: 'not-modified' } }
      return { ok: false, error: new FlagsmithAPIError('INVALID_RESPONSE', `GET ${url}: unexpected 304`, { status }) }
    }
    if (!isObject(json)) {
      const message = `GET ${url}: expected an environment document (a JSON object)`
      return { ok: false, error: new FlagsmithAPIError('INVALID_RESPONSE', message, { status }) }
    }
    if (document === undefined) {
      document = json
      etag = response.value.headers.get('etag') ?? undefined
    } else if (Array.isArray(json.identity_overrides)) {
      const overrides = Array.isArray(document.identity_overrides) ? document.identity_overrides : []
      for (const override of json.identity_overrides) overrides.push(override)
      document.identity_overrides = overrides
    }
    if (!warned && Date.now() - started > refreshIntervalMs) {
      warned = true
      logger.warn(
        `Fetching the environment document took longer than the refresh interval (${refreshIntervalMs} ms, ` +
          `${page} pages so far); flags are older than the interval promises`,
      )
    }
    const next = nextLink(response.value.headers.get('link'))
    if (next === undefined)
      return { ok: true, value: { status: 'fetched', document, etag: page === 1 ? etag : undefined, pages: page } }
    seen.add(url)
    url = new URL(next, url).href
    if (seen.has(url) || page >= maxPages) {
      const message = `GET ${options.url}: pagination did not end after ${page} pages`
      return { ok: false, error: new FlagsmithAPIError('INVALID_RESPONSE', message) }
    }
  }
}
