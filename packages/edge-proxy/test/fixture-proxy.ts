import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEdgeProxy, type EdgeProxy, type EdgeProxyLogger, type EdgeProxyOptions } from '../src/index'

export const FIXTURE_PATH = fileURLToPath(new URL('./fixtures/environment.json', import.meta.url))
export const CLIENT_KEY = 'hT3nB9xKq2LmV7cR5wZpYd'
export const SERVER_KEY = 'ser.fixtureServerKey01'

export interface LogEntry {
  level: 'info' | 'warn' | 'error'
  message: string
}

/** A logger that records what it is told, for assertions. */
export function createMemoryLogger(): EdgeProxyLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = []
  return {
    entries,
    info: (message) => entries.push({ level: 'info', message }),
    warn: (message) => entries.push({ level: 'warn', message }),
    error: (message) => entries.push({ level: 'error', message }),
  }
}

/** A copy of the fixture document in a fresh temporary directory, so a test may edit it. */
export async function copyFixture(): Promise<{ dir: string; path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vexil-edge-'))
  const path = join(dir, 'environment.json')
  await copyFile(FIXTURE_PATH, path)
  return { dir, path, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** Starts a proxy on a free loopback port serving `document` (the fixture by default). */
export function startProxy(options: Partial<EdgeProxyOptions> = {}): Promise<EdgeProxy> {
  return createEdgeProxy({
    ...(options.upstream ? {} : { document: FIXTURE_PATH }),
    serverKeys: [SERVER_KEY],
    port: 0,
    logger: createMemoryLogger(),
    ...options,
  })
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
