import { readFile, writeFile } from 'node:fs/promises'
import type { CompiledEnvironment } from '@vexil/core-engine'
import { afterEach, describe, expect, it } from 'vitest'
import { createFileDocumentSource } from '../src/file-document-source'
import { copyFixture, createMemoryLogger, waitFor } from './fixture-proxy'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('createFileDocumentSource', () => {
  it('serves a file completed after a half-written save without reporting the half-written one', async () => {
    const fixture = await copyFixture()
    cleanups.push(fixture.remove)
    const original = await readFile(fixture.path, 'utf8')
    const logger = createMemoryLogger()
    const installed: CompiledEnvironment[] = []
    const source = createFileDocumentSource({
      path: fixture.path,
      install: (document) => installed.push(document.environment),
      logger,
      debounceMs: 5,
      // Long enough that the second write always lands before the half-written file would be reported.
      confirmDelayMs: 2000,
      pollIntervalMs: 60_000,
    })
    await source.start()
    cleanups.push(() => source.close())

    const edited = original.replace('"Welcome"', '"Welcome, edited"')
    await writeFile(fixture.path, edited.slice(0, edited.length / 2))
    await new Promise((resolve) => setTimeout(resolve, 50))
    await writeFile(fixture.path, edited)
    await waitFor(() => installed.length === 2)
    expect(installed[1]?.getEnvironmentFlags().flags.banner_text?.value).toBe('Welcome, edited')
    expect(logger.entries.filter((entry) => entry.level !== 'info')).toEqual([])
  })

  it('reports a file that stays invalid once, after the confirmation delay', async () => {
    const fixture = await copyFixture()
    cleanups.push(fixture.remove)
    const logger = createMemoryLogger()
    const source = createFileDocumentSource({
      path: fixture.path,
      install() {},
      logger,
      debounceMs: 5,
      confirmDelayMs: 50,
      pollIntervalMs: 60_000,
    })
    await source.start()
    cleanups.push(() => source.close())

    await writeFile(fixture.path, '{ "api_key": ')
    await waitFor(() => logger.entries.some((entry) => entry.level === 'warn'))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const warnings = logger.entries.filter((entry) => entry.level === 'warn')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.message).toMatch(/^Rejected document .*environment\.json: \$: invalid JSON/)
    expect(source.status()).toMatchObject({ kind: 'file', isHealthy: false })
  })
})
