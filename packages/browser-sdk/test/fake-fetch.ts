import type { FlagValue } from '@vexil/core-engine'

/** A request the fake fetch received, answered by the test when it chooses. */
export interface PendingRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: unknown
  init: RequestInit
  signal: AbortSignal
  isAborted(): boolean
  respond(json: unknown, init?: { status?: number; headers?: Record<string, string> }): void
  fail(error: unknown): void
}

/**
 * A fetch whose requests stay pending until answered, so tests control ordering (races, aborts). With
 * `ignoreAbort` it behaves like a fetch that answers even after its signal aborted.
 */
export function createFakeFetch({ ignoreAbort = false } = {}) {
  const requests: PendingRequest[] = []
  const fetch = ((input: string | URL | Request, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? new AbortController().signal
      if (!ignoreAbort) {
        signal.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')))
      }
      requests.push({
        url: String(input),
        method: init.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init.headers).entries()),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
        init,
        signal,
        isAborted: () => signal.aborted,
        respond: (json, { status = 200, headers = {} } = {}) =>
          resolve(
            new Response(JSON.stringify(json), { status, headers: { 'Content-Type': 'application/json', ...headers } }),
          ),
        fail: reject,
      })
    })) as typeof globalThis.fetch
  return {
    fetch,
    requests,
    /** The latest request, failing the test when there is none. */
    last(): PendingRequest {
      const request = requests.at(-1)
      if (!request) throw new Error('no request was made')
      return request
    },
  }
}

/** `flags/` JSON for the given flags. */
export function apiFlags(flags: Record<string, { enabled: boolean; value?: FlagValue }>) {
  return Object.entries(flags).map(([name, flag], index) => ({
    id: index + 1,
    feature: { id: index + 1, name, type: 'STANDARD' },
    feature_state_value: flag.value ?? null,
    enabled: flag.enabled,
    environment: 1,
    identity: null,
    feature_segment: null,
  }))
}

/** `identities/` JSON for the given identifier and flags. */
export function apiIdentity(identifier: string, flags: Record<string, { enabled: boolean; value?: FlagValue }>) {
  return { identifier, traits: [], flags: apiFlags(flags) }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0))
}
