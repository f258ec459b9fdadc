import { afterEach, vi } from 'vitest'
import type { ClientOptions } from '../src/client-options'
import { createClient } from '../src/create-client'
import type { VexilClient } from '../src/vexil-client'
import { createFakeFetch } from './fake-fetch'

export const ENVIRONMENT_KEY = 'n9fbf9h3v4fFgH3U3ngWhb'

const clients: VexilClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.close()
})

/** A client on a fake fetch, without storage or console output; closed after the test. */
export function createTestClient(options: Partial<ClientOptions> = {}, network = createFakeFetch()) {
  const logger = { warn: vi.fn() }
  const client = createClient({
    environmentKey: ENVIRONMENT_KEY,
    apiUrl: 'https://api.test/api/v1',
    storage: false,
    fetch: network.fetch,
    logger,
    ...options,
  })
  clients.push(client)
  return { client, network, logger }
}
