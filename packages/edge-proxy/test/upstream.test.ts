import { readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { EdgeProxy } from '../src/index'
import {
  CLIENT_KEY,
  copyFixture,
  createMemoryLogger,
  FIXTURE_PATH,
  SERVER_KEY,
  startProxy,
  waitFor,
} from './fixture-proxy'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function track<T extends { close(): unknown }>(closable: T): T {
  cleanups.push(() => closable.close())
  return closable
}

async function startUpstream(port = 0) {
  const fixture = await copyFixture()
  cleanups.push(fixture.remove)
  const proxy = track(await startProxy({ document: fixture.path, port }))
  return { fixture, proxy }
}

function startDownstream(apiUrl: string, logger = createMemoryLogger()) {
  return startProxy({
    upstream: { apiUrl, serverKey: SERVER_KEY, refreshIntervalSeconds: 0.05, requestTimeoutSeconds: 1 },
    serverKeys: [],
    logger,
  }).then(track)
}

async function bannerText(proxy: EdgeProxy): Promise<unknown> {
  const response = await fetch(`${proxy.apiUrl}flags/?feature=banner_text`, {
    headers: { 'X-Environment-Key': CLIENT_KEY },
  })
  return ((await response.json()) as { feature_state_value: unknown }).feature_state_value
}

const health = async (proxy: EdgeProxy) =>
  (await (await fetch(`${proxy.url}/health`)).json()) as { status: string; source: { lastError?: string } }

describe('upstream mode', () => {
  it('serves the upstream document, to its server key too', async () => {
    const upstream = await startUpstream()
    const downstream = await startDownstream(upstream.proxy.apiUrl)
    expect(await bannerText(downstream)).toBe('Welcome')
    const document = await fetch(`${downstream.apiUrl}environment-document/`, {
      headers: { 'X-Environment-Key': SERVER_KEY },
    })
    expect(await document.json()).toEqual(JSON.parse(await readFile(FIXTURE_PATH, 'utf8')))
  })

  it('receives upstream changes and keeps serving the last good document while upstream is down', async () => {
    const upstream = await startUpstream()
    const logger = createMemoryLogger()
    const downstream = await startDownstream(upstream.proxy.apiUrl, logger)
    const original = await readFile(upstream.fixture.path, 'utf8')
    await writeFile(upstream.fixture.path, original.replace('"Welcome"', '"From upstream"'))
    await waitFor(async () => (await bannerText(downstream)) === 'From upstream')

    const port = upstream.proxy.port
    await upstream.proxy.close()
    await waitFor(async () => (await health(downstream)).status === 'stale')
    expect(await bannerText(downstream)).toBe('From upstream')
    expect((await health(downstream)).source.lastError).toMatch(/ECONNREFUSED/)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(logger.entries.filter((entry) => entry.level === 'warn')).toHaveLength(1)

    const restarted = track(await startProxy({ document: upstream.fixture.path, port }))
    await writeFile(upstream.fixture.path, original.replace('"Welcome"', '"After restart"'))
    await restarted.refresh()
    await waitFor(async () => (await bannerText(downstream)) === 'After restart')
    expect((await health(downstream)).status).toBe('ok')
    expect(logger.entries.some((entry) => entry.message.includes('recovered'))).toBe(true)
  })

  it('starts while upstream is down, answers 503, and serves once upstream appears', async () => {
    const probe = await startUpstream()
    const port = probe.proxy.port
    await probe.proxy.close()
    const downstream = await startDownstream(`http://127.0.0.1:${port}/api/v1/`)
    expect(downstream.getEnvironment()).toBeUndefined()
    const flags = await fetch(`${downstream.apiUrl}flags/`, { headers: { 'X-Environment-Key': CLIENT_KEY } })
    expect(flags.status).toBe(503)
    expect((await fetch(`${downstream.url}/health`)).status).toBe(503)
    track(await startProxy({ document: probe.fixture.path, port }))
    await waitFor(async () => (await health(downstream)).status === 'ok')
    expect(await bannerText(downstream)).toBe('Welcome')
  })

  it('does not reinstall an unchanged upstream document', async () => {
    const upstream = await startUpstream()
    const downstream = await startDownstream(upstream.proxy.apiUrl)
    let changes = 0
    downstream.subscribe(() => changes++)
    for (let i = 0; i < 3; i++) await downstream.refresh()
    expect(changes).toBe(0)
  })

  it('logs the HTTP status when upstream refuses the key', async () => {
    const upstream = await startUpstream()
    const logger = createMemoryLogger()
    const downstream = await startProxy({
      upstream: { apiUrl: upstream.proxy.apiUrl, serverKey: 'ser.wrongKey', refreshIntervalSeconds: 60 },
      logger,
    }).then(track)
    expect(downstream.getEnvironment()).toBeUndefined()
    expect(logger.entries[0]).toMatchObject({ level: 'warn' })
    expect(logger.entries[0]!.message).toContain('HTTP 401')
  })

  it('follows Link rel="next" pages of identity overrides', async () => {
    const document = JSON.parse(await readFile(FIXTURE_PATH, 'utf8'))
    const [vip] = document.identity_overrides
    const secondPage = {
      ...document,
      identity_overrides: [{ ...vip, identifier: 'paged-user', identity_uuid: 'c4d5e6f7-0a1b-4c2d-9e3f-4a5b6c7d8e02' }],
    }
    const requests: string[] = []
    const server: Server = createServer((req, res) => {
      requests.push(`${req.url} ${req.headers['x-environment-key']}`)
      res.setHeader('Content-Type', 'application/json')
      if (req.url === '/api/v1/environment-document/') {
        res.setHeader('Link', '</api/v1/environment-document/?page_id=identity_override%3A7%3Ac4d5>; rel="next"')
        res.end(JSON.stringify(document))
      } else {
        res.end(JSON.stringify(secondPage))
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => server.close(resolve)))
    const { port } = server.address() as AddressInfo
    const downstream = await startDownstream(`http://127.0.0.1:${port}/api/v1`)
    expect(requests.slice(0, 2)).toEqual([
      `/api/v1/environment-document/ ${SERVER_KEY}`,
      `/api/v1/environment-document/?page_id=identity_override:7:c4d5 ${SERVER_KEY}`,
    ])
    const paged = await fetch(`${downstream.apiUrl}identities/?identifier=paged-user`, {
      headers: { 'X-Environment-Key': CLIENT_KEY },
    })
    const flags = ((await paged.json()) as { flags: { feature: { name: string }; feature_state_value: unknown }[] })
      .flags
    expect(flags.find((flag) => flag.feature.name === 'banner_text')?.feature_state_value).toBe('Hello, VIP')
    const served = await fetch(`${downstream.apiUrl}environment-document/`, {
      headers: { 'X-Environment-Key': SERVER_KEY },
    })
    const merged = (await served.json()) as { identity_overrides: { identifier: string }[] }
    expect(merged.identity_overrides.map((override) => override.identifier)).toEqual(['vip-user', 'paged-user'])
  })
})
