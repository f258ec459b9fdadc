import { Flagsmith } from '@vexil/node-sdk'
import { Flagsmith as OfficialFlagsmith } from 'flagsmith-nodejs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEdgeProxy } from '../support/edge-proxy-fixture'
import { CLIENT_KEY, SERVER_KEY } from '../support/fixture'
import { createMemoryLogger } from '../support/memory-logger'

// The official client logs through pino; a quiet stand-in with pino's method names is enough here.
const quiet = { fatal() {}, error() {}, warn() {}, info() {}, debug() {}, trace() {}, silent() {}, level: 'silent' }
type OfficialOptions = ConstructorParameters<typeof OfficialFlagsmith>[0]

type Traits = Record<string, string | number | boolean>
const IDENTITIES: [string, Traits][] = [
  ['parity-anonymous', {}],
  ['parity-pro', { plan: 'pro' }],
  ['parity-beta', { beta: true, age: 30 }],
  ['parity-beta-email', { beta: 'true', age: 55, email: 'kim@example.com' }],
  ['vip-user', {}],
  ...Array.from({ length: 16 }, (_, i): [string, Traits] => [`parity-split-${i}`, { plan: i % 2 ? 'pro' : 'free' }]),
]

interface ReadableFlags {
  allFlags(): { featureName: string; featureId: number; enabled: boolean; value: unknown; isDefault: boolean }[]
}

// Both SDKs mean "no value" by null; the official one reads it as undefined in remote mode (see the README).
const summarise = (flags: ReadableFlags) =>
  Object.fromEntries(
    flags
      .allFlags()
      .map((flag) => [flag.featureName, [flag.featureId, flag.enabled, flag.value ?? null, flag.isDefault]] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  )

let edge: Awaited<ReturnType<typeof startEdgeProxy>>
beforeAll(async () => {
  edge = await startEdgeProxy()
})
afterAll(() => edge.remove())

describe.each([
  ['remote', { environmentKey: CLIENT_KEY }],
  ['local', { environmentKey: SERVER_KEY, enableLocalEvaluation: true }],
] as const)('node-sdk and flagsmith-nodejs in %s evaluation', (_mode, options) => {
  it('read the same flags for the environment and every identity', async () => {
    const ours = new Flagsmith({ ...options, apiUrl: edge.proxy.apiUrl, logger: createMemoryLogger() })
    const official = new OfficialFlagsmith({
      ...options,
      apiUrl: edge.proxy.apiUrl,
      logger: quiet as unknown as OfficialOptions['logger'],
    })
    try {
      expect(summarise(await ours.getEnvironmentFlags())).toEqual(summarise(await official.getEnvironmentFlags()))
      for (const [identifier, traits] of IDENTITIES) {
        // Transient, so the first client's stored traits cannot leak into the second one's evaluation.
        const expected = summarise(await official.getIdentityFlags(identifier, traits, true))
        expect(summarise(await ours.getIdentityFlags(identifier, traits, true)), identifier).toEqual(expected)
      }
    } finally {
      await Promise.all([ours.close(), official.close()])
    }
  })
})
