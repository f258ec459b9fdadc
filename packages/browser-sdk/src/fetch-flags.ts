import {
  createIdentityRequest,
  type FlagMap,
  parseApiFlags,
  type Result,
  type TraitInput,
  VexilError,
} from '@vexil/core-engine'

/** @internal What {@link fetchFlags} asks for. */
export interface FlagsRequest {
  fetch: typeof fetch
  apiUrl: string
  environmentKey: string
  /** `null` fetches the environment's flags. */
  identity: { identifier: string; traits: Record<string, TraitInput> } | null
  /** Aborting with a {@link VexilError} as reason fails the request with that error. */
  signal: AbortSignal
}

/** @internal Flags with the time (epoch seconds) of the environment data they were evaluated from, if told. */
export interface FlagsResponse {
  flags: FlagMap
  updatedAt: number | undefined
}

/**
 * @internal Fetches remote flags: `flags/`, or `identities/` for an identity. Never throws: a failed request comes
 * back as a `VexilError`, with the response's `status` when there was a response.
 */
export async function fetchFlags(request: FlagsRequest): Promise<Result<FlagsResponse>> {
  const { identity, signal } = request
  const url = `${request.apiUrl}${identity ? 'identities/' : 'flags/'}`
  try {
    const response = await request.fetch(url, {
      method: identity ? 'POST' : 'GET',
      headers: { 'X-Environment-Key': request.environmentKey, 'Content-Type': 'application/json' },
      body: identity && JSON.stringify(createIdentityRequest(identity.identifier, identity.traits)),
      signal,
    })
    const { status } = response
    if (!response.ok) {
      return { ok: false, error: new VexilError('HTTP_ERROR', `vexil: ${url} answered ${status}`, { status }) }
    }
    let json: unknown
    try {
      json = await response.json()
    } catch (cause) {
      return {
        ok: false,
        error: new VexilError('INVALID_RESPONSE', `vexil: ${url} sent invalid JSON`, { cause, status }),
      }
    }
    // Only the flags of an identities/ answer matter here: reading its traits would cost bytes for nothing.
    const parsed = identity
      ? parseApiFlags((json as { flags?: unknown } | null)?.flags, '$.flags')
      : parseApiFlags(json)
    if (!parsed.ok) return parsed
    // Epoch seconds, as the edge proxy sends it; without a readable value the next realtime event just refetches.
    const updatedAt = Number(response.headers.get('X-Flagsmith-Document-Updated-At')) || undefined
    return { ok: true, value: { flags: parsed.value, updatedAt } }
  } catch (cause) {
    if (signal.reason instanceof VexilError) return { ok: false, error: signal.reason }
    return { ok: false, error: new VexilError('NETWORK_ERROR', `vexil: cannot reach ${url}`, { cause }) }
  }
}
