import { readFile, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createEdgeProxy, type EdgeProxy } from '../src/index'
import { CLIENT_KEY, copyFixture, createMemoryLogger, FIXTURE_PATH, SERVER_KEY, startProxy } from './fixture-proxy'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function track(proxy: EdgeProxy): EdgeProxy {
  cleanups.push(() => proxy.close())
  return proxy
}

const rejection = (options: Parameters<typeof createEdgeProxy>[0]) =>
  createEdgeProxy({ port: 0, logger: createMemoryLogger(), ...options }).then(
    (proxy) => {
      track(proxy)
      throw new Error('expected createEdgeProxy to reject')
    },
    (error: unknown) => error as { code: string; message: string },
  )

describe('createEdgeProxy', () => {
  it('listens on 127.0.0.1 and reports its URLs', async () => {
    const proxy = track(await startProxy())
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`)
    expect(proxy.apiUrl).toBe(`${proxy.url}/api/v1/`)
    expect(proxy.port).toBeGreaterThan(0)
    expect(proxy.getEnvironment()?.key).toBe(CLIENT_KEY)
  })

  it('rejects options without exactly one source', async () => {
    expect(await rejection({})).toMatchObject({ code: 'INVALID_OPTIONS' })
    expect(
      await rejection({ document: FIXTURE_PATH, upstream: { apiUrl: 'http://127.0.0.1:1/', serverKey: SERVER_KEY } }),
    ).toMatchObject({ code: 'INVALID_OPTIONS' })
  })

  it('refuses a server key that is not server-side', async () => {
    const error = await rejection({ document: FIXTURE_PATH, serverKeys: [CLIENT_KEY] })
    expect(error.code).toBe('INVALID_OPTIONS')
    expect(error.message).toContain('ser.')
  })

  it('fails to start on a missing file or an invalid document, naming the file and the JSON path', async () => {
    const fixture = await copyFixture()
    cleanups.push(fixture.remove)
    const missing = await rejection({ document: `${fixture.dir}/nope.json` })
    expect(missing.code).toBe('INVALID_OPTIONS')
    expect(missing.message).toContain('nope.json')
    await writeFile(fixture.path, JSON.stringify({ api_key: 'k', feature_states: 'oops', project: {} }))
    const invalid = await rejection({ document: fixture.path })
    expect(invalid.code).toBe('INVALID_DOCUMENT')
    expect(invalid.message).toContain(fixture.path)
    expect(invalid.message).toContain('environment.json: feature_states: ')
  })

  it('fails to start on a port in use', async () => {
    const first = track(await startProxy())
    const error = await rejection({ document: FIXTURE_PATH, port: first.port })
    expect(error.code).toBe('INVALID_OPTIONS')
    expect(error.message).toContain(String(first.port))
  })

  it('survives a garbage request and keeps serving', async () => {
    const proxy = track(await startProxy())
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(proxy.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'))
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk.toString()
      })
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400/)
    const response = await fetch(`${proxy.apiUrl}flags/`, { headers: { 'X-Environment-Key': CLIENT_KEY } })
    expect(response.status).toBe(200)
  })

  it('closes idempotently and refuses connections afterwards', async () => {
    const proxy = await startProxy()
    await Promise.all([proxy.close(), proxy.close()])
    await proxy.close()
    await expect(fetch(`${proxy.url}/health`)).rejects.toThrow()
  })

  it('notifies subscribers of new documents and isolates a throwing listener', async () => {
    const fixture = await copyFixture()
    cleanups.push(fixture.remove)
    const logger = createMemoryLogger()
    const proxy = track(await startProxy({ document: fixture.path, logger }))
    const seen: number[] = []
    proxy.subscribe(() => {
      throw new Error('listener bug')
    })
    proxy.subscribe(({ updatedAt }) => seen.push(updatedAt))
    await writeFile(fixture.path, (await readFile(fixture.path, 'utf8')).replace('"Welcome"', '"Hi"'))
    await proxy.refresh()
    expect(seen).toHaveLength(1)
    expect(logger.entries.some((entry) => entry.level === 'error' && entry.message.includes('listener'))).toBe(true)
  })
})
