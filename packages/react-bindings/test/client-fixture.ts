import { cleanup } from '@testing-library/react'
import { type ClientOptions, createClient, type VexilClient } from '@vexil/browser-sdk'
import { afterEach, vi } from 'vitest'
import { createFakeFetch } from '../../browser-sdk/test/fake-fetch'

export { apiFlags, apiIdentity, settle } from '../../browser-sdk/test/fake-fetch'

export const ENVIRONMENT_KEY = 'n9fbf9h3v4fFgH3U3ngWhb'

const clients: VexilClient[] = []
afterEach(() => {
  // Without vitest globals, Testing Library cannot unmount by itself between tests.
  cleanup()
  for (const client of clients.splice(0)) client.close()
})

/** Options for a client on `network`, without storage or console output. */
export function testOptions(network: ReturnType<typeof createFakeFetch>, options: Partial<ClientOptions> = {}) {
  return {
    environmentKey: ENVIRONMENT_KEY,
    apiUrl: 'https://api.test/api/v1/',
    storage: false as const,
    fetch: network.fetch,
    logger: { warn: vi.fn() },
    ...options,
  }
}

/** A client on a fake fetch whose requests the test answers; closed after the test. */
export function createTestClient(options: Partial<ClientOptions> = {}) {
  const network = createFakeFetch()
  const client = createClient(testOptions(network, options))
  clients.push(client)
  return { client, network }
}
