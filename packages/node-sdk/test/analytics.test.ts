import { Flagsmith, LocalFileHandler } from '@vexil/node-sdk'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { AnalyticsProcessor } from '../src/analytics-processor'
import { HttpClient, type HttpClientOptions } from '../src/http-client'
import { API_URL, CLIENT_KEY, FIXTURE_PATH, waitFor } from './support/fixture'
import { createMemoryLogger } from './support/memory-logger'
import { useMswServer } from './support/msw-server'

const { server } = useMswServer()
const ANALYTICS_URL = `${API_URL}analytics/flags/`
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

function recordBatches(status = 200) {
  const batches: Record<string, number>[] = []
  server.use(
    http.post(ANALYTICS_URL, async ({ request }) => {
      batches.push((await request.json()) as Record<string, number>)
      return new HttpResponse(null, { status })
    }),
  )
  return batches
}

function createProcessor(flushIntervalMs: number) {
  const logger = createMemoryLogger()
  const http = new HttpClient({
    headers: {},
    timeoutMs: 1000,
    retries: 0,
    retryBaseMs: 1,
    retryMaxMs: 10,
    logger,
    fetch: globalThis.fetch as HttpClientOptions['fetch'],
  })
  const processor = new AnalyticsProcessor({ http, url: ANALYTICS_URL, logger, flushIntervalMs })
  closers.push(async () => {
    await processor.close()
    await http.close()
  })
  return { processor, logger }
}

describe('analytics', () => {
  it('counts flag reads of a client and posts them in one batch on close, once', async () => {
    const batches = recordBatches()
    const client = new Flagsmith({
      environmentKey: CLIENT_KEY,
      apiUrl: API_URL,
      fetch: globalThis.fetch,
      enableAnalytics: true,
      offlineHandler: new LocalFileHandler(FIXTURE_PATH),
      retries: 0,
      logger: createMemoryLogger(),
    })
    server.use(http.post(`${API_URL}identities/`, () => new HttpResponse(null, { status: 500 })))
    const flags = await client.getIdentityFlags('user-1')
    flags.isFeatureEnabled('banner_text')
    flags.getFeatureValue('banner_text')
    flags.getFlag('dark_mode')
    flags.getFlag('not_a_feature')
    flags.allFlags()
    await client.close()
    await client.close()
    expect(batches).toEqual([{ banner_text: 2, dark_mode: 1 }])
  })

  it('flushes on its interval and sends no empty batch', async () => {
    const batches = recordBatches()
    const { processor } = createProcessor(30)
    processor.start()
    processor.trackFeature('a')
    processor.trackFeature('a')
    await waitFor(() => batches.length === 1)
    processor.trackFeature('b')
    await waitFor(() => batches.length === 2)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(batches).toEqual([{ a: 2 }, { b: 1 }])
  })

  it('keeps the counts of a failed post for the next flush', async () => {
    const failed = recordBatches(500)
    const { processor, logger } = createProcessor(60_000)
    processor.trackFeature('a')
    await processor.flush()
    // One retry within the flush; the next flush is the real retry.
    expect(failed).toEqual([{ a: 1 }, { a: 1 }])
    expect(logger.at('warn')).toHaveLength(1)
    const batches = recordBatches()
    processor.trackFeature('a')
    await processor.flush()
    expect(batches).toEqual([{ a: 2 }])
  })
})
