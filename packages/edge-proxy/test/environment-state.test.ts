import { readFile } from 'node:fs/promises'
import { toApiFlags } from '@vexil/core-engine'
import { beforeAll, describe, expect, it } from 'vitest'
import { type CompiledDocument, compileDocumentText } from '../src/compile-document-text'
import { EnvironmentState } from '../src/environment-state'
import { FIXTURE_PATH } from './fixture-proxy'

const compile = (json: string): CompiledDocument => {
  const compiled = compileDocumentText(json)
  if (!compiled.ok) throw compiled.error
  return compiled.value
}

let text: string
let withTimestamp: CompiledDocument
let withoutTimestamp: CompiledDocument
beforeAll(async () => {
  text = await readFile(FIXTURE_PATH, 'utf8')
  withTimestamp = compile(text)
  withoutTimestamp = compile(JSON.stringify({ ...JSON.parse(text), updated_at: undefined }))
})

describe('EnvironmentState', () => {
  it("uses the document's updated_at, else the load time, and invents strictly increasing ones, never in the past", () => {
    let now = Date.UTC(2025, 5, 1)
    const state = new EnvironmentState({ now: () => now })
    const updates: number[] = []
    state.subscribe((served) => updates.push(served.updatedAt))
    state.install(withTimestamp, text)
    state.install(withTimestamp, text)
    state.install(withoutTimestamp, text)
    now -= 60_000
    state.install(withoutTimestamp, text)
    const documentTime = Date.UTC(2025, 2, 1, 10) / 1000
    const loadTime = Date.UTC(2025, 5, 1) / 1000
    expect(updates[0]).toBe(documentTime)
    // A restarted proxy starts again from the document's time; clients may have seen later invented ones.
    expect(updates[1]).toBe(loadTime)
    expect(updates[2]).toBeCloseTo(loadTime + 0.001, 6)
    expect(updates[3]).toBeCloseTo(loadTime + 0.002, 6)
    for (let i = 1; i < updates.length; i++) expect(updates[i]).toBeGreaterThan(updates[i - 1]!)
    expect(state.current?.version).toBe(4)
  })

  it('renders the flags once and gives every different document a different ETag', () => {
    const state = new EnvironmentState({ now: Date.now })
    const first = state.install(withTimestamp, '{"a":1}')
    const second = state.install(withTimestamp, '{"a":2}')
    const again = state.install(withTimestamp, '{"a":1}')
    expect(first.etag).not.toBe(second.etag)
    expect(again.etag).toBe(first.etag)
    expect(JSON.parse(first.flagsJson)).toHaveLength(6)
    expect(first.getApiFlag('banner_text')?.feature_state_value).toBe('Welcome')
    expect(first.documentJson).toBe('{"a":1}')
  })

  it("echoes the document's id in every flag state, from the compiled environment alone", () => {
    const served = new EnvironmentState({ now: Date.now }).install(withTimestamp, '{}')
    expect(served.environmentId).toBe(7)
    expect(served.apiFlags.map((flag) => flag.environment)).toEqual(Array(6).fill(7))
    const { flags } = withTimestamp.environment.getIdentityFlags('vip-user')
    for (const flag of JSON.parse(served.renderFlagsJson(flags))) expect(flag.environment).toBe(7)
    const withoutId = compile(JSON.stringify({ ...JSON.parse(text), id: undefined }))
    const anonymous = new EnvironmentState({ now: Date.now }).install(withoutId, '{}')
    expect(anonymous.environmentId).toBeUndefined()
    expect(anonymous.apiFlags[0]?.environment).toBeNull()
  })

  it('renders identity flags exactly as toApiFlags, also when results are served from its cache', () => {
    const served = new EnvironmentState({ now: Date.now }).install(withTimestamp, text)
    const identities: [string, Record<string, string | number | boolean>][] = [
      ['user-1', { plan: 'pro' }],
      ['user-2', { beta: true, age: 30 }],
      ['vip-user', {}],
      ['user-1', { plan: 'pro' }],
      ['user-3', { plan: 'free' }],
    ]
    for (const [identifier, traits] of identities) {
      const { flags } = withTimestamp.environment.getIdentityFlags(identifier, traits)
      const { featureTypes } = withTimestamp
      const expected = JSON.stringify(toApiFlags(flags, { environmentId: served.environmentId, featureTypes }))
      expect(served.renderFlagsJson(flags), identifier).toBe(expected)
      expect(served.renderFlagsJson(flags), `${identifier}, cached`).toBe(expected)
    }
  })
})
