import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { EnvironmentDocument } from '@vexil/core-engine'

/** The edge proxy's fixture document: six features, two segments, one identity override (`vip-user`). */
export const FIXTURE_PATH = fileURLToPath(
  new URL('../../../edge-proxy/test/fixtures/environment.json', import.meta.url),
)
/** The fixture's client-side key (`api_key`). */
export const CLIENT_KEY = 'hT3nB9xKq2LmV7cR5wZpYd'
/** A server-side key the tests hand to the SDK and the proxy. */
export const SERVER_KEY = 'ser.nodeSdkTestKey01'
/** The base URL msw answers for. */
export const API_URL = 'http://api.test/api/v1/'

/** A fresh, mutable copy of the fixture document. */
export function fixtureDocument(): EnvironmentDocument {
  return JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as EnvironmentDocument
}

/** The fixture document with `banner_text`'s environment value replaced. */
export function documentWithBanner(value: string): EnvironmentDocument {
  const document = fixtureDocument()
  for (const state of document.feature_states ?? []) {
    if (state.feature?.name === 'banner_text') state.feature_state_value = value
  }
  return document
}

/** Polls `check` until it holds, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
