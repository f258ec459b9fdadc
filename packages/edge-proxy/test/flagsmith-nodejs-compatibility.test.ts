import { readFile } from 'node:fs/promises'
import { compileEnvironment, type Traits } from '@vexil/core-engine'
import { Flagsmith } from 'flagsmith-nodejs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EdgeProxy } from '../src/index'
import { CLIENT_KEY, FIXTURE_PATH, SERVER_KEY, startProxy } from './fixture-proxy'

// The official client's logger is pino; these tests only need it quiet and to record errors.
const errors: unknown[] = []
const quiet = {
  fatal: (...args: unknown[]) => errors.push(args),
  error: (...args: unknown[]) => errors.push(args),
  warn() {},
  info() {},
  debug() {},
  trace() {},
  silent() {},
  level: 'error',
}
type OfficialOptions = ConstructorParameters<typeof Flagsmith>[0]
const logger = quiet as unknown as OfficialOptions['logger']

const IDENTITIES: [string, Traits][] = [
  ['anonymous-visitor', {}],
  ['user-pro', { plan: 'pro' }],
  ['user-enterprise', { plan: 'enterprise', beta: false }],
  ['user-beta', { beta: true, age: 30 }],
  ['user-beta-by-email', { beta: 'true', age: 55, email: 'kim@example.com' }],
  ['user-beta-too-old', { beta: true, age: 55, email: 'kim@elsewhere.org' }],
  ['vip-user', { plan: 'pro' }],
  ...Array.from({ length: 12 }, (_, i): [string, Traits] => [`user-${i + 1}`, { plan: i % 3 === 0 ? 'pro' : 'free' }]),
]

type Summary = Record<string, { enabled: boolean; value: unknown }>
// The official client reads a remote flag's value as `feature_state_value ?? value`, so the API's `null` becomes
// `undefined` in remote mode (and stays `null` in local mode): both mean "no value".
const summarise = (flags: { featureName: string; enabled: boolean; value: unknown }[]): Summary =>
  Object.fromEntries(flags.map((flag) => [flag.featureName, { enabled: flag.enabled, value: flag.value ?? null }]))

let proxy: EdgeProxy
let expected: { environment: Summary; identities: Summary[] }
beforeAll(async () => {
  proxy = await startProxy()
  const engine = compileEnvironment(JSON.parse(await readFile(FIXTURE_PATH, 'utf8')))
  const fromEngine = (flags: Record<string, { name: string; enabled: boolean; value: unknown }>): Summary =>
    Object.fromEntries(Object.values(flags).map((flag) => [flag.name, { enabled: flag.enabled, value: flag.value }]))
  expected = {
    environment: fromEngine(engine.getEnvironmentFlags().flags),
    identities: IDENTITIES.map(([identifier, traits]) => fromEngine(engine.getIdentityFlags(identifier, traits).flags)),
  }
})
afterAll(() => proxy.close())

describe('the official flagsmith-nodejs client against the proxy', () => {
  it('gets the same flags as core-engine in remote evaluation', async () => {
    const client = new Flagsmith({ environmentKey: CLIENT_KEY, apiUrl: proxy.apiUrl, logger, retries: 0 })
    try {
      expect(summarise((await client.getEnvironmentFlags()).allFlags())).toEqual(expected.environment)
      for (const [index, [identifier, traits]] of IDENTITIES.entries()) {
        const flags = await client.getIdentityFlags(identifier, traits)
        expect(summarise(flags.allFlags()), identifier).toEqual(expected.identities[index])
      }
    } finally {
      await client.close()
    }
    expect(errors).toEqual([])
  })

  it('gets the same flags as core-engine in local evaluation with a server-side key', async () => {
    const client = new Flagsmith({
      environmentKey: SERVER_KEY,
      apiUrl: proxy.apiUrl,
      enableLocalEvaluation: true,
      environmentRefreshIntervalSeconds: 60,
      logger,
    })
    try {
      expect(summarise((await client.getEnvironmentFlags()).allFlags())).toEqual(expected.environment)
      for (const [index, [identifier, traits]] of IDENTITIES.entries()) {
        const flags = await client.getIdentityFlags(identifier, traits)
        expect(summarise(flags.allFlags()), identifier).toEqual(expected.identities[index])
      }
    } finally {
      await client.close()
    }
    expect(errors).toEqual([])
  })

  it('sends transient traits and transient identities the proxy evaluates but does not store', async () => {
    const client = new Flagsmith({ environmentKey: CLIENT_KEY, apiUrl: proxy.apiUrl, logger, retries: 0 })
    try {
      const flags = await client.getIdentityFlags('user-official-transient', {
        plan: { value: 'pro', transient: true },
      })
      expect(flags.getFeatureValue('max_upload_mb')).toBe(250)
      const transientIdentity = await client.getIdentityFlags('user-official-transient-id', { plan: 'pro' }, true)
      expect(transientIdentity.getFeatureValue('max_upload_mb')).toBe(250)
      for (const identifier of ['user-official-transient', 'user-official-transient-id']) {
        const stored = await fetch(`${proxy.apiUrl}identities/?identifier=${identifier}`, {
          headers: { 'X-Environment-Key': CLIENT_KEY },
        })
        expect(((await stored.json()) as { traits: unknown[] }).traits, identifier).toEqual([])
      }
    } finally {
      await client.close()
    }
  })

  it('makes the official client fail cleanly with an unknown key', async () => {
    const client = new Flagsmith({ environmentKey: 'unknownKey', apiUrl: proxy.apiUrl, logger, retries: 0 })
    await expect(client.getEnvironmentFlags()).rejects.toThrow(/getEnvironmentFlags failed/)
    await client.close()
    errors.length = 0
  })
})
