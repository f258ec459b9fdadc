/**
 * Where the edge proxy reports what happens to its document and its requests. Methods must not throw.
 * `info` carries routine news (a document was loaded); `warn` a fault the proxy works around (upstream down, a
 * rejected document); `error` an unexpected fault (a handler crashed).
 */
export interface EdgeProxyLogger {
  info(message: string): void
  warn(message: string): void
  error(message: string, cause?: unknown): void
}

/**
 * The default logger: warnings and errors to the console, routine news dropped, so an embedded proxy stays quiet
 * until something needs attention.
 */
export const consoleLogger: EdgeProxyLogger = {
  info() {},
  warn(message) {
    console.warn(`[vexil-edge] ${message}`)
  },
  error(message, cause) {
    if (cause === undefined) console.error(`[vexil-edge] ${message}`)
    else console.error(`[vexil-edge] ${message}`, cause)
  },
}
