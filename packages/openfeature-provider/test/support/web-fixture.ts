import { type Client, type EvaluationContext, OpenFeature, ProviderEvents } from '@openfeature/web-sdk'
import { VexilWebProvider, type VexilWebProviderOptions } from '@vexil/openfeature-provider/web'
import { afterEach, beforeEach } from 'vitest'
import { recordEvents } from './record-events'
import { ENVIRONMENT_KEY, startTestProxy, type TestProxy } from './test-proxy'

const ALL_EVENTS = Object.values(ProviderEvents)

/** A browser-sdk logger that keeps expected network failures out of the test output. */
export const quiet = { warn() {} }

/** Polling options for `vi.waitFor`. */
export const eventually = { timeout: 5000, interval: 20 }

let current: TestProxy | undefined
let domainCount = 0

/** Gives every test of the calling file a fresh edge proxy, and closes it and every provider afterwards. */
export function useWebFixture(): void {
  // Failed context changes are expected in some tests; the SDK would log each one.
  OpenFeature.setLogger({ debug() {}, info() {}, warn() {}, error() {} })
  beforeEach(async () => {
    current = await startTestProxy()
  })
  afterEach(async () => {
    await OpenFeature.clearProviders()
    await current?.close()
    current = undefined
  })
}

/** The current test's proxy. */
export function proxy(): TestProxy {
  if (!current) throw new Error('call useWebFixture() in the test file')
  return current
}

/** A provider on the test proxy, without storage; `options` override. */
export function createProvider(options: Partial<VexilWebProviderOptions> = {}): VexilWebProvider {
  return new VexilWebProvider({
    environmentKey: ENVIRONMENT_KEY,
    apiUrl: proxy().apiUrl,
    storage: false,
    logger: quiet,
    ...options,
  } as VexilWebProviderOptions)
}

/** Registers `provider` for a fresh domain and returns its client, with every event it receives recorded. */
export function register(provider: VexilWebProvider, context: EvaluationContext = {}) {
  const domain = `web-${++domainCount}`
  const client: Client = OpenFeature.getClient(domain)
  const recorder = recordEvents(client, ALL_EVENTS)
  const ready = OpenFeature.setProviderAndWait(domain, provider, context)
  return { domain, client, recorder, ready }
}

/** Registers a provider made from `options` with the initial `context` and waits until it is ready. */
export async function setUp(options: Partial<VexilWebProviderOptions> = {}, context: EvaluationContext = {}) {
  const setup = register(createProvider(options), context)
  await setup.ready
  return setup
}
