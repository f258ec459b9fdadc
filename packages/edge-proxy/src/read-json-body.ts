import type { IncomingMessage } from 'node:http'

/** The outcome of {@link readJsonBody}: the parsed JSON, or the status and message to reply with. */
export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string }

/**
 * Reads and parses a request's JSON body, refusing more than `maxBytes` (413, checked against `Content-Length`
 * before reading when the client sends one) and malformed JSON (400). Never rejects.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBodyResult> {
  const tooLarge = { ok: false, status: 413, message: `Request body exceeds ${maxBytes} bytes` } as const
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume()
    return Promise.resolve(tooLarge)
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let isDone = false
    const finish = (result: JsonBodyResult) => {
      if (isDone) return
      isDone = true
      resolve(result)
    }
    req.on('data', (chunk: Buffer) => {
      if (isDone) return
      size += chunk.length
      if (size > maxBytes) {
        chunks.length = 0
        finish(tooLarge)
        return
      }
      chunks.push(chunk)
    })
    req.on('error', () => finish({ ok: false, status: 400, message: 'Request body could not be read' }))
    req.on('aborted', () => finish({ ok: false, status: 400, message: 'Request body was cut short' }))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (text.trim() === '') {
        finish({ ok: false, status: 400, message: 'Request body must be JSON; it is empty' })
        return
      }
      try {
        finish({ ok: true, value: JSON.parse(text) })
      } catch (cause) {
        finish({
          ok: false,
          status: 400,
          message: `Request body is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
        })
      }
    })
  })
}
