import { type Client, OpenFeature, ProviderEvents } from '@openfeature/server-sdk'
import type { FlagsmithConfig } from '@vexil/node-sdk'
import { VexilProvider, type VexilProviderOptions } from '@vexil/openfeature-provider/server'
import { afterEach, beforeEach } from 'vitest'
import { recordEvents } from './record-events'
import { ENVIRONMENT_KEY, SERVER_KEY, startTestProxy, type TestProxy } from './test-proxy'

const ALL_EVENTS = Object.values(ProviderEvents)
const quiet = { debug() {}, info() {}, warn() {}, error() {} }

/** Polling options for `vi.waitFor`. */
export const eventually = { timeout: 5000, interval: 20 }

let current: TestProxy | undefined
let domainCount = 0

/** Gives every test of the calling file a fresh edge proxy, and closes it and every provider afterwards. */
export function useServerFixture(): void {
  beforeEach(async () => {
    current = await startTestProxy()
  })
  afterEach(async () => {
    await OpenFeature.clearProviders()
    OpenFeature.setContext({})
    await current?.close()
    current = undefined
  })
}

/** The current test's proxy. */
export function proxy(): TestProxy {
  if (!current) throw new Error('call useServerFixture() in the test file')
  return current
}

/** node-sdk options for local evaluation against the test proxy, quiet and without retries. */
export function localOptions(): FlagsmithConfig {
  return { environmentKey: SERVER_KEY, apiUrl: proxy().apiUrl, enableLocalEvaluation: true, retries: 0, logger: quiet }
}

/** node-sdk options for remote evaluation against the test proxy, without the identity cache. */
export function remoteOptions(): FlagsmithConfig {
  return { environmentKey: ENVIRONMENT_KEY, apiUrl: proxy().apiUrl, retries: 0, identityCache: false, logger: quiet }
}

/** Both evaluation modes, for `describe.each`. */
export const modes = [
  { mode: 'local evaluation', options: localOptions },
  { mode: 'remote evaluation', options: remoteOptions },
] as const

/** Registers `provider` for a fresh domain and returns its client, with every event it receives recorded. */
export function register(provider: VexilProvider) {
  const domain = `server-${++domainCount}`
  const client: Client = OpenFeature.getClient(domain)
  const recorder = recordEvents(client, ALL_EVENTS)
  const ready = OpenFeature.setProviderAndWait(domain, provider)
  return { domain, client, recorder, ready }
}

/** Registers a provider made from `options` and waits until it is ready. */
export async function setUp(options: VexilProviderOptions) {
  const setup = register(new VexilProvider(options))
  await setup.ready
  return setup
}
