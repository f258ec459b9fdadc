import type { ServerResponse } from 'node:http'

/**
 * Sends a JSON response. `body` is serialised unless it is already JSON text (pre-rendered responses). Never throws:
 * a response whose client has gone is left alone.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
  })
  res.end(text)
}

/** Sends an error in the Flagsmith API's shape, `{ "detail": "..." }`. */
export function sendError(res: ServerResponse, status: number, detail: string, headers?: Record<string, string>): void {
  sendJson(res, status, { detail }, headers)
}
