import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DefaultFlag, Flagsmith, FlagsmithClientError, LocalFileHandler } from '@vexil/node-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_PATH, SERVER_KEY } from './support/fixture'
import { useMswServer } from './support/msw-server'

// Any request at all would be unhandled, and fail the test.
const { requests } = useMswServer()

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vexil-node-sdk-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('offline mode', () => {
  it('evaluates the LocalFileHandler document without any request, and is ready at once', async () => {
    const client = new Flagsmith({ offlineMode: true, offlineHandler: new LocalFileHandler(FIXTURE_PATH) })
    expect(client.isReady).toBe(true)
    await client.ready({ timeoutMs: 1 })
    expect((await client.getIdentityFlags('vip-user')).getFeatureValue('banner_text')).toBe('Hello, VIP')
    expect(client.getIdentityFlagsSync('x', { plan: 'pro' }).getFeatureValue('max_upload_mb')).toBe(250)
    expect((await client.getEnvironmentFlags()).isFeatureEnabled('legacy_reports')).toBe(false)
    await client.updateEnvironment()
    await client.close()
    expect(requests).toHaveLength(0)
  })

  it('fails at construction on a file that is missing or not JSON', async () => {
    expect(() => new LocalFileHandler(join(dir, 'missing.json'))).toThrow(FlagsmithClientError)
    const broken = join(dir, 'broken.json')
    await writeFile(broken, '{"api_key": ')
    expect(() => new LocalFileHandler(broken)).toThrow(/not valid JSON/)
  })

  it('fails at construction on a document the engine rejects, naming the problem', async () => {
    const invalid = join(dir, 'invalid.json')
    await writeFile(invalid, JSON.stringify({ api_key: 'k', feature_states: 42, project: {} }))
    const create = () => new Flagsmith({ offlineMode: true, offlineHandler: new LocalFileHandler(invalid) })
    expect(create).toThrow(
      expect.objectContaining({ code: 'INVALID_DOCUMENT', message: expect.stringContaining('feature_states') }),
    )
  })
})

describe('options', () => {
  const handler = () => new LocalFileHandler(FIXTURE_PATH)
  it.each([
    ['offlineMode without an offlineHandler', { offlineMode: true }, /offlineHandler/],
    ['no environmentKey', {}, /environmentKey is required/],
    [
      'both defaultFlagHandler and offlineHandler',
      { environmentKey: 'key', offlineHandler: handler(), defaultFlagHandler: () => new DefaultFlag(1, true) },
      /either defaultFlagHandler or offlineHandler/,
    ],
    ['local evaluation with a client-side key', { environmentKey: 'client', enableLocalEvaluation: true }, /ser\./],
    ['realtime with offlineMode', { offlineMode: true, offlineHandler: handler(), realtime: true }, /realtime/],
    ['realtime in remote mode with a server key', { environmentKey: SERVER_KEY, realtime: true }, /client-side key/],
    ['a negative timeout', { environmentKey: 'key', requestTimeoutSeconds: -1 }, /requestTimeoutSeconds/],
    ['fractional retries', { environmentKey: 'key', retries: 1.5 }, /retries/],
  ])('throws a FlagsmithClientError for %s', (_name, options, message) => {
    expect(() => new Flagsmith(options)).toThrow(message)
    expect(() => new Flagsmith(options)).toThrow(FlagsmithClientError)
  })
})
