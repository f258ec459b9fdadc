import {
  DefaultFlag,
  type Flags,
  Flagsmith,
  FlagsmithAPIError,
  type FlagsmithConfig,
  type FlagsmithEvent,
  LocalFileHandler,
} from '@vexil/node-sdk'
import { delay, HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { environmentFlagsResponse, identityResponse } from './support/api-responses'
import { API_URL, CLIENT_KEY, FIXTURE_PATH } from './support/fixture'
import { createMemoryLogger } from './support/memory-logger'
import { useMswServer } from './support/msw-server'

const { server, requests } = useMswServer()
const clients: Flagsmith[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

function createClient(options: Partial<FlagsmithConfig> = {}) {
  const logger = createMemoryLogger()
  const client = new Flagsmith({
    environmentKey: CLIENT_KEY,
    apiUrl: API_URL,
    fetch: globalThis.fetch,
    retries: 0,
    logger,
    random: () => 0,
    ...options,
  })
  clients.push(client)
  return { client, logger }
}

const flagsHandler = () => http.get(`${API_URL}flags/`, () => HttpResponse.json(environmentFlagsResponse()))
const failing = (status = 500) => [
  http.get(`${API_URL}flags/`, () => new HttpResponse(null, { status })),
  http.post(`${API_URL}identities/`, () => new HttpResponse(null, { status })),
]

describe('Flagsmith in remote mode', () => {
  it('reads environment flags from flags/ with the official Flags API', async () => {
    server.use(flagsHandler())
    const { client } = createClient()
    const flags = await client.getEnvironmentFlags()
    expect(flags.isFeatureEnabled('banner_text')).toBe(true)
    expect(flags.getFeatureValue('banner_text')).toBe('Welcome')
    expect(flags.getFlag('max_upload_mb')).toMatchObject({ featureId: 103, featureName: 'max_upload_mb', value: 25 })
    expect(flags.allFlags().map((flag) => flag.featureName)).toContain('dark_mode')
    expect(requests[0]?.headers.get('x-environment-key')).toBe(CLIENT_KEY)
    expect(requests[0]?.headers.get('user-agent')).toMatch(/^vexil-node-sdk\//)
  })

  it('returns a disabled default flag for a feature the API did not send', async () => {
    server.use(flagsHandler())
    const { client } = createClient()
    const flag = (await client.getEnvironmentFlags()).getFlag('no_such_feature')
    expect(flag).toEqual(new DefaultFlag(undefined, false))
    expect(flag.isDefault).toBe(true)
  })

  it('posts the identifier, traits, transient traits and the transient identity to identities/', async () => {
    let body: unknown
    server.use(
      http.post(`${API_URL}identities/`, async ({ request }) => {
        body = await request.json()
        return HttpResponse.json(identityResponse('user-1', { plan: 'pro' }))
      }),
    )
    const { client } = createClient()
    const flags = await client.getIdentityFlags('user-1', { plan: 'pro', age: { value: 30, transient: true } }, true)
    expect(body).toEqual({
      identifier: 'user-1',
      traits: [
        { trait_key: 'plan', trait_value: 'pro' },
        { trait_key: 'age', trait_value: 30, transient: true },
      ],
      transient: true,
    })
    expect(flags.getFeatureValue('banner_text')).toBe('Welcome back, pro')
  })

  it('throws at once for an empty identifier', async () => {
    const { client } = createClient()
    await expect(client.getIdentityFlags('')).rejects.toMatchObject({ name: 'FlagsmithClientError' })
    expect(requests).toHaveLength(0)
  })

  describe('identity cache', () => {
    const identities = () =>
      http.post(`${API_URL}identities/`, async ({ request }) => {
        const { identifier } = (await request.json()) as { identifier: string }
        return HttpResponse.json(identityResponse(identifier))
      })

    it('answers a repeated identity and traits from the cache, in any trait order', async () => {
      server.use(identities())
      const { client } = createClient()
      await client.getIdentityFlags('user-1', { plan: 'free', age: 20 })
      await client.getIdentityFlags('user-1', { age: 20, plan: 'free' })
      expect(requests).toHaveLength(1)
      await client.getIdentityFlags('user-1', { plan: 'pro', age: 20 })
      await client.getIdentityFlags('user-2', { plan: 'free', age: 20 })
      expect(requests).toHaveLength(3)
    })

    it('asks again once an entry is older than ttlMs', async () => {
      server.use(identities())
      const { client } = createClient({ identityCache: { ttlMs: 30 } })
      await client.getIdentityFlags('user-1')
      await new Promise((resolve) => setTimeout(resolve, 60))
      await client.getIdentityFlags('user-1')
      expect(requests).toHaveLength(2)
    })

    it('keeps at most max identities', async () => {
      server.use(identities())
      const { client } = createClient({ identityCache: { max: 2 } })
      for (const id of ['a', 'b', 'c', 'a']) await client.getIdentityFlags(id)
      expect(requests).toHaveLength(4)
    })

    it('can be turned off', async () => {
      server.use(identities())
      const { client } = createClient({ identityCache: false })
      await client.getIdentityFlags('user-1')
      await client.getIdentityFlags('user-1')
      expect(requests).toHaveLength(2)
    })

    it('serves an expired entry while the API fails, then reports recovery', async () => {
      let isDown = false
      server.use(
        http.post(`${API_URL}identities/`, () =>
          isDown ? new HttpResponse(null, { status: 503 }) : HttpResponse.json(identityResponse('vip-user')),
        ),
      )
      const { client, logger } = createClient({ identityCache: { ttlMs: 1 } })
      const events: FlagsmithEvent['type'][] = []
      client.subscribe((event) => events.push(event.type))
      await client.getIdentityFlags('vip-user')
      isDown = true
      await new Promise((resolve) => setTimeout(resolve, 10))
      const stale = await client.getIdentityFlags('vip-user')
      await client.getIdentityFlags('vip-user')
      expect(stale.getFeatureValue('banner_text')).toBe('Hello, VIP')
      expect(events).toEqual(['stale'])
      expect(logger.at('warn')).toHaveLength(1)
      isDown = false
      await new Promise((resolve) => setTimeout(resolve, 10))
      await client.getIdentityFlags('vip-user')
      expect(events).toEqual(['stale', 'recovered'])
    })
  })

  describe('when the API is down', () => {
    it('serves the defaultFlagHandler flags and logs one warning', async () => {
      server.use(...failing())
      const { client, logger } = createClient({
        defaultFlagHandler: (name) => new DefaultFlag(`default for ${name}`, name === 'banner_text'),
      })
      const flags = await client.getIdentityFlags('user-1')
      await client.getEnvironmentFlags()
      expect(flags.getFlag('banner_text')).toMatchObject({
        enabled: true,
        value: 'default for banner_text',
        isDefault: true,
      })
      expect(flags.isFeatureEnabled('dark_mode')).toBe(false)
      expect(logger.at('warn')).toHaveLength(1)
      expect(logger.at('warn')[0]).toContain('500')
    })

    it('tries each request once while the API is failing, and retries again once it answered', async () => {
      let isDown = true
      server.use(
        http.get(`${API_URL}flags/`, () =>
          isDown ? new HttpResponse(null, { status: 503 }) : HttpResponse.json(environmentFlagsResponse()),
        ),
      )
      const { client } = createClient({ retries: 2, defaultFlagHandler: () => new DefaultFlag(null, false) })
      await client.getEnvironmentFlags()
      expect(requests).toHaveLength(3)
      await client.getEnvironmentFlags()
      expect(requests).toHaveLength(4)
      isDown = false
      await client.updateEnvironment()
      await client.getEnvironmentFlags()
      expect(requests).toHaveLength(5)
      isDown = true
      await client.updateEnvironment()
      await client.getEnvironmentFlags()
      expect(requests).toHaveLength(8)
    })

    it('rejects with FlagsmithAPIError when there is no defaultFlagHandler, as the official SDK does', async () => {
      server.use(...failing(500))
      const { client } = createClient()
      const error = await client.getEnvironmentFlags().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(FlagsmithAPIError)
      expect(error).toMatchObject({ status: 500, code: 'HTTP_ERROR' })
    })

    it('evaluates the offlineHandler document instead', async () => {
      server.use(...failing())
      const { client } = createClient({ offlineHandler: new LocalFileHandler(FIXTURE_PATH) })
      const flags = await client.getIdentityFlags('vip-user')
      expect(flags.getFeatureValue('banner_text')).toBe('Hello, VIP')
      expect(flags.getFlag('banner_text').isDefault).toBe(false)
    })

    it('never lets a throwing defaultFlagHandler escape a flag read', async () => {
      server.use(...failing())
      const { client } = createClient({
        defaultFlagHandler: () => {
          throw new Error('handler bug')
        },
      })
      const flags = await client.getEnvironmentFlags()
      expect(flags.getFlag('banner_text')).toEqual(new DefaultFlag(undefined, false))
    })
  })

  describe('ready()', () => {
    it('resolves once the API answered', async () => {
      server.use(flagsHandler())
      const { client } = createClient()
      expect(client.isReady).toBe(false)
      await client.ready()
      expect(client.isReady).toBe(true)
    })

    it('rejects at once when the API rejects the key', async () => {
      server.use(...failing(401))
      const { client } = createClient()
      await expect(client.ready({ timeoutMs: 60_000 })).rejects.toMatchObject({ status: 401 })
    })

    it('rejects after timeoutMs when the API does not answer', async () => {
      server.use(
        http.get(`${API_URL}flags/`, async () => {
          await delay('infinite')
          return HttpResponse.json([])
        }),
      )
      const { client } = createClient()
      await expect(client.ready({ timeoutMs: 50 })).rejects.toMatchObject({ code: 'NOT_READY' })
    })
  })

  describe('with a user cache', () => {
    function memoryCache() {
      const entries = new Map<string, Flags>()
      return {
        entries,
        get: async (key: string) => entries.get(key),
        set: async (key: string, value: Flags) => void entries.set(key, value),
      }
    }

    it('stores flags under the official keys and answers hits without a request', async () => {
      server.use(
        flagsHandler(),
        http.post(`${API_URL}identities/`, () => HttpResponse.json(identityResponse('u'))),
      )
      const cache = memoryCache()
      const { client } = createClient({ cache })
      const first = await client.getEnvironmentFlags()
      expect(await client.getEnvironmentFlags()).toBe(first)
      await client.getIdentityFlags('u')
      await client.getIdentityFlags('u', { plan: 'pro' })
      expect([...cache.entries.keys()]).toEqual(['flags', 'flags-u', expect.stringMatching(/^flags-u-[0-9a-f]{16}$/)])
      expect(requests).toHaveLength(3)
    })

    it('treats a failing cache as a miss', async () => {
      server.use(flagsHandler())
      const { client, logger } = createClient({
        cache: {
          get: () => Promise.reject(new Error('redis down')),
          set: () => Promise.reject(new Error('redis down')),
        },
      })
      expect((await client.getEnvironmentFlags()).getFeatureValue('banner_text')).toBe('Welcome')
      expect(logger.at('warn')).toHaveLength(2)
    })
  })

  it('leaves sync evaluation to local and offline modes', () => {
    const { client } = createClient()
    expect(() => client.getIdentityFlagsSync('user-1')).toThrow(/enableLocalEvaluation or offlineMode/)
  })

  it('resolves getIdentitySegments with [] and logs why, as the official SDK does', async () => {
    const { client, logger } = createClient()
    expect(await client.getIdentitySegments('user-1')).toEqual([])
    expect(logger.at('error')).toHaveLength(1)
  })

  it('snapshots an identity for the browser SDK with the client-side key', async () => {
    server.use(http.post(`${API_URL}identities/`, () => HttpResponse.json(identityResponse('vip-user'))))
    const { client } = createClient()
    const snapshot = await client.getSnapshot('vip-user', { plan: { value: 'pro', transient: true } })
    expect(snapshot).toMatchObject({
      environmentKey: CLIENT_KEY,
      identity: { identifier: 'vip-user', traits: { plan: 'pro' } },
      flags: { banner_text: { name: 'banner_text', enabled: true, value: 'Hello, VIP' } },
    })
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot)
  })
})
