import type { Logger } from '@vexil/node-sdk'

/** One recorded log line. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
}

/** A logger that records what it is told, for assertions. */
export function createMemoryLogger(): Logger & { entries: LogEntry[]; at: (level: LogEntry['level']) => string[] } {
  const entries: LogEntry[] = []
  const record = (level: LogEntry['level']) => (message: string) => {
    entries.push({ level, message })
  }
  return {
    entries,
    at: (level) => entries.filter((entry) => entry.level === level).map((entry) => entry.message),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  }
}
