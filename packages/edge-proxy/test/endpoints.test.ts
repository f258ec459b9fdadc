import { readFile, writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EdgeProxy } from '../src/index'
import { CLIENT_KEY, copyFixture, FIXTURE_PATH, SERVER_KEY, startProxy } from './fixture-proxy'

let proxy: EdgeProxy
beforeAll(async () => {
  proxy = await startProxy({ maxBodyBytes: 4096 })
})
afterAll(() => proxy.close())

const call = (path: string, init: RequestInit & { key?: string | null } = {}) => {
  const { key = CLIENT_KEY, ...rest } = init
  const headers = new Headers(rest.headers)
  if (key !== null) headers.set('X-Environment-Key', key)
  if (rest.body !== undefined) headers.set('Content-Type', 'application/json')
  return fetch(`${proxy.url}${path}`, { ...rest, headers })
}

const postIdentity = (body: unknown) => call('/api/v1/identities/', { method: 'POST', body: JSON.stringify(body) })

type ApiFlagJson = {
  feature: { id: number; name: string; type: string }
  feature_state_value: unknown
  enabled: boolean
}
const byName = (flags: ApiFlagJson[]) => Object.fromEntries(flags.map((flag) => [flag.feature.name, flag]))

describe('GET /api/v1/flags/', () => {
  it('serves the environment flags in the Flagsmith API shape', async () => {
    const response = await call('/api/v1/flags/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    const flags = byName((await response.json()) as ApiFlagJson[])
    expect(Object.keys(flags).sort()).toEqual(
      ['api_rate_limit', 'banner_text', 'checkout_flow', 'dark_mode', 'legacy_reports', 'max_upload_mb'].sort(),
    )
    expect(flags.banner_text).toMatchObject({
      feature: { id: 102, name: 'banner_text' },
      feature_state_value: 'Welcome',
      enabled: true,
      environment: 7,
    })
    expect(flags.dark_mode).toMatchObject({ feature_state_value: null, enabled: false })
    expect(flags.max_upload_mb?.feature_state_value).toBe(25)
    expect(flags.checkout_flow?.feature_state_value).toBe('classic')
  })

  it('accepts a server-side key and paths without the trailing slash', async () => {
    const response = await call('/api/v1/flags', { key: SERVER_KEY })
    expect(response.status).toBe(200)
    expect(((await response.json()) as unknown[]).length).toBe(6)
  })

  it('answers 304 to a request that already holds the current version', async () => {
    const first = await call('/api/v1/flags/')
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    const second = await call('/api/v1/flags/', { headers: { 'If-None-Match': etag! } })
    expect(second.status).toBe(304)
  })

  it('serves one flag state for ?feature=<name> and 404 for an unknown feature', async () => {
    const one = await call('/api/v1/flags/?feature=max_upload_mb')
    expect(one.status).toBe(200)
    expect(await one.json()).toMatchObject({ feature: { name: 'max_upload_mb' }, feature_state_value: 25 })
    const missing = await call('/api/v1/flags/?feature=nope')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ detail: 'Feature "nope" not found' })
  })

  it('omits disabled flags when the project hides them', async () => {
    const fixture = await copyFixture()
    const document = JSON.parse(await readFile(FIXTURE_PATH, 'utf8'))
    document.project.hide_disabled_flags = true
    await writeFile(fixture.path, JSON.stringify(document))
    const hiding = await startProxy({ document: fixture.path })
    try {
      const response = await fetch(`${hiding.apiUrl}flags/`, { headers: { 'X-Environment-Key': CLIENT_KEY } })
      const names = ((await response.json()) as ApiFlagJson[]).map((flag) => flag.feature.name)
      expect(names).not.toContain('dark_mode')
      expect(names).not.toContain('legacy_reports')
      expect(names).toContain('banner_text')
    } finally {
      await hiding.close()
      await fixture.remove()
    }
  })
})

describe('keys', () => {
  it.each([
    ['/api/v1/flags/', 'GET'],
    ['/api/v1/identities/?identifier=a', 'GET'],
    ['/api/v1/environment-document/', 'GET'],
  ])('rejects %s without a key with 401 and a detail', async (path, method) => {
    const response = await call(path, { method, key: null })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ detail: 'Missing X-Environment-Key header' })
  })

  it('rejects an unknown key with 401', async () => {
    const response = await call('/api/v1/flags/', { key: 'someOtherEnvironmentKey' })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ detail: 'Invalid X-Environment-Key' })
  })

  it('serves the environment document, as the file spells it, to a server-side key only', async () => {
    const response = await call('/api/v1/environment-document/', { key: SERVER_KEY })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(await readFile(FIXTURE_PATH, 'utf8'))
    const client = await call('/api/v1/environment-document/')
    expect(client.status).toBe(403)
    expect(((await client.json()) as { detail: string }).detail).toMatch(/server-side/)
  })
})

describe('identities', () => {
  it('evaluates traits and answers with identifier, traits, flags and the document header', async () => {
    const response = await postIdentity({
      identifier: 'user-pro',
      traits: [{ trait_key: 'plan', trait_value: 'pro' }],
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-flagsmith-document-updated-at')).toBe(String(Date.UTC(2025, 2, 1, 10) / 1000))
    const body = (await response.json()) as { identifier: string; traits: unknown[]; flags: ApiFlagJson[] }
    expect(body.identifier).toBe('user-pro')
    expect(body.traits).toEqual([{ trait_key: 'plan', trait_value: 'pro' }])
    const flags = byName(body.flags)
    expect(flags.banner_text?.feature_state_value).toBe('Welcome back, pro')
    expect(flags.max_upload_mb?.feature_state_value).toBe(250)
  })

  it('applies the strongest segment override and identity overrides', async () => {
    const beta = await postIdentity({
      identifier: 'user-beta',
      traits: [
        { trait_key: 'plan', trait_value: 'pro' },
        { trait_key: 'beta', trait_value: true },
        { trait_key: 'age', trait_value: 30 },
      ],
    })
    const betaFlags = byName(((await beta.json()) as { flags: ApiFlagJson[] }).flags)
    expect(betaFlags.banner_text?.feature_state_value).toBe('Try the beta')
    expect(betaFlags.dark_mode?.enabled).toBe(true)
    const vip = await call('/api/v1/identities/?identifier=vip-user')
    const vipFlags = byName(((await vip.json()) as { flags: ApiFlagJson[] }).flags)
    expect(vipFlags.banner_text?.feature_state_value).toBe('Hello, VIP')
  })

  it('keeps stored traits for a later GET and deletes a trait sent as null', async () => {
    await postIdentity({ identifier: 'user-stored', traits: [{ trait_key: 'plan', trait_value: 'enterprise' }] })
    const stored = await call('/api/v1/identities/?identifier=user-stored')
    const storedBody = (await stored.json()) as { traits: unknown[]; flags: ApiFlagJson[] }
    expect(storedBody.traits).toEqual([{ trait_key: 'plan', trait_value: 'enterprise' }])
    expect(byName(storedBody.flags).max_upload_mb?.feature_state_value).toBe(250)

    await postIdentity({ identifier: 'user-stored', traits: [{ trait_key: 'plan', trait_value: null }] })
    const deleted = (await (await call('/api/v1/identities/?identifier=user-stored')).json()) as {
      traits: unknown[]
      flags: ApiFlagJson[]
    }
    expect(deleted.traits).toEqual([])
    expect(byName(deleted.flags).max_upload_mb?.feature_state_value).toBe(25)
  })

  it('uses transient traits for one evaluation without storing them', async () => {
    const response = await postIdentity({
      identifier: 'user-transient-trait',
      traits: [
        { trait_key: 'plan', trait_value: 'pro', transient: true },
        { trait_key: 'country', trait_value: 'NZ' },
      ],
    })
    const body = (await response.json()) as { traits: unknown[]; flags: ApiFlagJson[] }
    expect(body.traits).toEqual([
      { trait_key: 'plan', trait_value: 'pro', transient: true },
      { trait_key: 'country', trait_value: 'NZ' },
    ])
    expect(byName(body.flags).max_upload_mb?.feature_state_value).toBe(250)
    const later = (await (await call('/api/v1/identities/?identifier=user-transient-trait')).json()) as {
      traits: unknown[]
    }
    expect(later.traits).toEqual([{ trait_key: 'country', trait_value: 'NZ' }])
  })

  it('stores nothing for a transient identity', async () => {
    await postIdentity({
      identifier: 'user-transient',
      transient: true,
      traits: [{ trait_key: 'plan', trait_value: 'pro' }],
    })
    const later = (await (await call('/api/v1/identities/?identifier=user-transient')).json()) as { traits: unknown[] }
    expect(later.traits).toEqual([])
  })

  it('answers 400 to GET without an identifier', async () => {
    const response = await call('/api/v1/identities/')
    expect(response.status).toBe(400)
    expect(((await response.json()) as { detail: string }).detail).toMatch(/identifier/)
  })

  it('answers 400 naming the JSON path of an invalid identity request', async () => {
    const response = await postIdentity({ identifier: 'x', traits: [{ trait_key: 'a', trait_value: { nested: 1 } }] })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { detail: string }).detail).toContain('$.traits[0].trait_value')
  })
})

describe('request bodies', () => {
  it('answers 400 with the parser message to malformed JSON', async () => {
    const response = await call('/api/v1/identities/', { method: 'POST', body: '{"identifier": "a",' })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { detail: string }).detail).toMatch(/^Request body is not valid JSON: /)
  })

  it('answers 400 to an empty body', async () => {
    const response = await call('/api/v1/identities/', { method: 'POST', body: '' })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { detail: string }).detail).toMatch(/empty/)
  })

  it('answers 413 to a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ identifier: 'a', traits: [{ trait_key: 'x', trait_value: 'y'.repeat(5000) }] })
    const declared = await call('/api/v1/identities/', { method: 'POST', body: big })
    expect(declared.status).toBe(413)
    const encoder = new TextEncoder()
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(encoder.encode(big.slice(i * 1100, (i + 1) * 1100)))
        controller.close()
      },
    })
    const streamed = await call('/api/v1/identities/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(((await streamed.json()) as { detail: string }).detail).toMatch(/exceeds 4096 bytes/)
    expect((await call('/api/v1/flags/')).status).toBe(200)
  })
})

describe('analytics, health and routing', () => {
  it('accepts analytics batches and rejects ones that are not objects', async () => {
    const body = JSON.stringify({ banner_text: 3, dark_mode: 1 })
    expect((await call('/api/v1/analytics/flags/', { method: 'POST', body })).status).toBe(200)
    const bad = await call('/api/v1/analytics/flags/', { method: 'POST', body: '[1,2]' })
    expect(bad.status).toBe(400)
    expect((await call('/api/v1/analytics/flags/', { method: 'POST', body, key: null })).status).toBe(401)
  })

  it('reports status and document age on /health without a key', async () => {
    const response = await call('/health', { key: null })
    expect(response.status).toBe(200)
    const health = (await response.json()) as Record<string, unknown>
    expect(health).toMatchObject({
      status: 'ok',
      environment: { key: CLIENT_KEY, name: 'Staging' },
      documentUpdatedAt: Date.UTC(2025, 2, 1, 10) / 1000,
      source: { kind: 'file', isHealthy: true },
    })
    expect(health.documentAgeSeconds).toBeGreaterThanOrEqual(0)
    const head = await fetch(`${proxy.url}/health`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('answers 404 to unknown routes and 405 with Allow to wrong methods', async () => {
    const unknown = await call('/api/v1/segments/')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ detail: 'No such endpoint: /api/v1/segments/' })
    const wrong = await call('/api/v1/flags/', { method: 'DELETE' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET, OPTIONS')
    expect((await call('/api/v1/environment-document/', { method: 'POST', body: '{}', key: SERVER_KEY })).status).toBe(
      405,
    )
  })

  it('allows browsers: CORS headers on responses and 204 to preflights', async () => {
    const response = await call('/api/v1/flags/')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Flagsmith-Document-Updated-At')
    const preflight = await fetch(`${proxy.url}/api/v1/identities/`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.localhost',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-environment-key,content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS')
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase()
    expect(allowed).toContain('x-environment-key')
    expect(allowed).toContain('content-type')
    expect(allowed).toContain('flagsmith-sdk-user-agent')
  })
})
