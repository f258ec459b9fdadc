/**
 * Where the client writes its log lines. `console` and pino loggers fit; every method takes a message first and
 * optional details after it.
 */
export interface Logger {
  debug(message: string, ...details: unknown[]): void
  info(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
}

const prefix = '[@vexil/node-sdk]'

function ignore(): void {}

/**
 * Creates the logger used when none is given: silent for debug and info, `console.warn`/`console.error` for
 * warnings and errors, because a server SDK that fails quietly is worse than one that talks too much.
 */
export function createDefaultLogger(): Logger {
  return {
    debug: ignore,
    info: ignore,
    warn: (message, ...details) => console.warn(prefix, message, ...details),
    error: (message, ...details) => console.error(prefix, message, ...details),
  }
}
