import { fileURLToPath } from 'node:url'
import { createEdgeProxy, type EdgeProxy } from '@vexil/edge-proxy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printDemoFlags } from '../print-demo-flags.mjs'

const demoDocument = fileURLToPath(new URL('../../demo-environment.json', import.meta.url))
const SERVER_KEY = 'ser.vexilDemoServerKey0001'

/** Runs the example and returns its output as `{ [context label]: { [flag]: shown result } }`. */
async function runExample(apiUrl: string, serverKey?: string): Promise<Record<string, Record<string, string>>> {
  const lines: string[] = []
  await printDemoFlags({ apiUrl, serverKey, write: (line: string) => lines.push(...line.split('\n')) })
  const sections: Record<string, Record<string, string>> = {}
  let current: Record<string, string> | undefined
  for (const line of lines.slice(1)) {
    const flag = /^ {2}(\S+) +(.*)$/.exec(line)
    if (flag && current) current[flag[1]!] = flag[2]!
    else if (line.trim()) sections[line.trim()] = current = {}
  }
  return sections
}

describe('examples/openfeature-node against the demo edge proxy', () => {
  let proxy: EdgeProxy

  beforeAll(async () => {
    proxy = await createEdgeProxy({
      document: demoDocument,
      serverKeys: [SERVER_KEY],
      port: 0,
      logger: { info() {}, warn() {}, error() {} },
    })
  })

  afterAll(() => proxy.close())

  it('evaluates every demo context remotely with the client-side key', async () => {
    const output = await runExample(proxy.apiUrl)
    expect(Object.keys(output)).toEqual([
      'anonymous',
      'free user "alice"',
      'pro user "bob"',
      'beta tester "carol"',
      'identity override "vip-customer-42"',
    ])
    expect(output.anonymous).toMatchObject({ api_rate_limit: '100  (UNKNOWN)', not_a_flag: 'false  (FLAG_NOT_FOUND)' })
    expect(output['pro user "bob"']).toMatchObject({
      api_rate_limit: '1000  (UNKNOWN)',
      items_per_page: '100  (UNKNOWN)',
    })
    expect(output['beta tester "carol"']?.new_dashboard).toBe('true  (UNKNOWN)')
    expect(output['identity override "vip-customer-42"']?.api_rate_limit).toBe('5000  (UNKNOWN)')
    expect(output['free user "alice"']?.maintenance_mode).toBe('none  (DISABLED)')
  })

  it('evaluates locally with a server-side key, showing reasons and matched segments', async () => {
    const output = await runExample(proxy.apiUrl, SERVER_KEY)
    expect(output.anonymous?.api_rate_limit).toBe('100  (STATIC)')
    expect(output['free user "alice"']?.api_rate_limit).toBe('100  (DEFAULT)')
    expect(output['pro user "bob"']).toMatchObject({
      api_rate_limit: '1000  (TARGETING_MATCH, pro_plan)',
      checkout_banner: '10% off your first order  (SPLIT, variant 61)',
    })
    expect(output['beta tester "carol"']?.new_dashboard).toBe('true  (TARGETING_MATCH, beta_testers)')
    expect(output['identity override "vip-customer-42"']?.api_rate_limit).toBe(
      '5000  (TARGETING_MATCH, identity_overrides)',
    )
    expect(output['identity override "vip-customer-42"']?.not_a_flag).toBe('false  (FLAG_NOT_FOUND)')
  })
})
