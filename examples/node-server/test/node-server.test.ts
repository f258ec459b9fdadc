import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEdgeProxy, type EdgeProxy } from '@vexil/edge-proxy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchSamples, renderSamples } from '../../demo/sample-users.mjs'
import { watchLiveChanges } from '../../demo/watch-live-changes.mjs'
import { startNodeServer } from '../server.mjs'

const DEMO_DOCUMENT = fileURLToPath(new URL('../../demo-environment.json', import.meta.url))
const SERVER_KEY = 'ser.vexilDemoServerKey0001'
const quiet = { info() {}, warn() {}, error() {} }

let directory: string
let documentPath: string
let proxy: EdgeProxy
let app: Awaited<ReturnType<typeof startNodeServer>>

beforeAll(async () => {
  // A copy: the test edits the document, and the demo's file must stay as it is.
  directory = await mkdtemp(join(tmpdir(), 'vexil-node-server-'))
  documentPath = join(directory, 'demo-environment.json')
  await copyFile(DEMO_DOCUMENT, documentPath)
  proxy = await createEdgeProxy({ document: documentPath, serverKeys: [SERVER_KEY], port: 0, logger: quiet })
  app = await startNodeServer({ apiUrl: proxy.apiUrl, environmentKey: SERVER_KEY, realtimeUrl: `${proxy.url}/` })
})

afterAll(async () => {
  await app?.close()
  await proxy?.close()
  await rm(directory, { recursive: true, force: true })
})

async function ask(query: string) {
  const response = await fetch(`${app.url}?${query}`)
  expect(response.status).toBe(200)
  return (await response.json()) as { user: string | null; flags: Record<string, { enabled: boolean; value: unknown }> }
}

describe('examples/node-server', () => {
  it("answers each user's flags from the demo document: segments, identity overrides and defaults", async () => {
    const visitor = await ask('user=visitor-1138&plan=free')
    expect(visitor.flags.api_rate_limit).toEqual({ enabled: true, value: 100 })
    expect(visitor.flags.pro_export_feature?.enabled).toBe(false)

    const pro = await ask('user=jane@example.com&plan=pro')
    expect(pro.flags.api_rate_limit).toEqual({ enabled: true, value: 1000 })
    expect(pro.flags.pro_export_feature?.enabled).toBe(true)

    const vip = await ask('user=vip-customer-42&plan=pro&email=dev@acme.io&beta=1')
    expect(vip.flags.api_rate_limit).toEqual({ enabled: true, value: 5000 })
    expect(String(vip.flags.llm_prompt_config?.value)).not.toBe(String(pro.flags.llm_prompt_config?.value))

    const anonymous = await ask('')
    expect(anonymous.user).toBeNull()
    expect(anonymous.flags.api_rate_limit).toEqual({ enabled: true, value: 100 })
  })

  it('prints the sample users as a table of flags', async () => {
    const table = renderSamples(await fetchSamples(app.url))
    const lines = table.split('\n')
    expect(lines[0]).toMatch(/^flag\s+visitor-1138\s+jane@example\.com\s+vip-customer-42$/)
    expect(lines.find((line) => line.startsWith('api_rate_limit'))).toMatch(/^api_rate_limit\s+100\s+1000\s+5000$/)
  })

  it('serves an edit of the document file over SSE, and the demo narrates it', async () => {
    const lines: string[] = []
    const stop = watchLiveChanges({
      proxy,
      appUrl: app.url,
      initial: await fetchSamples(app.url),
      print: (line: string) => lines.push(line),
    })
    try {
      const original = await readFile(documentPath, 'utf8')
      const document = JSON.parse(original)
      const limit = document.feature_states.find(
        (state: { feature: { name: string } }) => state.feature.name === 'api_rate_limit',
      )
      limit.feature_state_value = 250
      await writeFile(documentPath, JSON.stringify(document, null, 2))
      // The app polls every 60 s by default: an answer within seconds can only come from the realtime stream.
      await expect
        .poll(async () => (await ask('user=visitor-1138&plan=free')).flags.api_rate_limit?.value, { timeout: 5000 })
        .toBe(250)
      await expect.poll(() => lines.join('\n'), { timeout: 5000 }).toMatch(/visitor-1138 {2}api_rate_limit: 100 → 250/)
      expect(lines.join('\n')).toMatch(/node-server got it over SSE after \d+ ms/)
      expect(lines.join('\n')).not.toMatch(/jane@example\.com {2}api_rate_limit/)
    } finally {
      stop()
    }
  })
})
