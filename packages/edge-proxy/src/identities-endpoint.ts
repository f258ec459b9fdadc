import type { IncomingMessage, ServerResponse } from 'node:http'
import { type ApiTrait, parseIdentityRequest, type Traits, type TraitValue } from '@vexil/core-engine'
import type { IdentityTraitStore } from './identity-trait-store'
import { readJsonBody } from './read-json-body'
import { sendError, sendJson } from './send-json'
import type { ServedDocument } from './served-document'

/** The header that tells a client which version of the environment data an identities response comes from. */
export const DOCUMENT_UPDATED_AT_HEADER = 'X-Flagsmith-Document-Updated-At'

interface IdentityEvaluation {
  identifier: string
  stored: ReadonlyMap<string, TraitValue> | undefined
  requested: readonly ApiTrait[]
}

function respond(res: ServerResponse, served: ServedDocument, evaluation: IdentityEvaluation): void {
  const traits: Traits = Object.create(null)
  const transientKeys = new Set<string>()
  if (evaluation.stored) for (const [key, value] of evaluation.stored) traits[key] = value
  for (const trait of evaluation.requested) {
    // A null value deletes the trait (Flagsmith's rule), for this evaluation too.
    if (trait.trait_value === null) {
      delete traits[trait.trait_key]
      transientKeys.delete(trait.trait_key)
      continue
    }
    traits[trait.trait_key] = trait.trait_value
    if (trait.transient) transientKeys.add(trait.trait_key)
    else transientKeys.delete(trait.trait_key)
  }
  const result = served.environment.getIdentityFlags(evaluation.identifier, traits)
  const responseTraits = Object.entries(traits).map(([key, value]) => ({
    trait_key: key,
    trait_value: value,
    ...(transientKeys.has(key) ? { transient: true } : {}),
  }))
  const body = `{"identifier":${JSON.stringify(evaluation.identifier)},"traits":${JSON.stringify(responseTraits)},"flags":${served.renderFlagsJson(result.flags)}}`
  sendJson(res, 200, body, { [DOCUMENT_UPDATED_AT_HEADER]: String(served.updatedAt) })
}

/**
 * `GET identities/?identifier=…`: the identity's flags from its stored traits. Stores nothing. Replies 400 without an
 * identifier.
 */
export function getIdentity(
  res: ServerResponse,
  query: URLSearchParams,
  served: ServedDocument,
  store: IdentityTraitStore,
) {
  const identifier = query.get('identifier')
  if (!identifier) {
    sendError(res, 400, 'Query parameter "identifier" is required')
    return
  }
  respond(res, served, { identifier, stored: store.get(identifier), requested: [] })
}

/**
 * `POST identities/`: the identity's flags from its stored traits updated by the request's. Non-transient traits of
 * a non-transient identity are stored; transient ones only take part in this evaluation. Replies 400 with the JSON
 * path of the first problem for an invalid body, 413 for one over `maxBodyBytes`.
 */
export async function postIdentity(
  req: IncomingMessage,
  res: ServerResponse,
  options: { maxBodyBytes: number; getServed: () => ServedDocument | undefined; store: IdentityTraitStore },
): Promise<void> {
  const body = await readJsonBody(req, options.maxBodyBytes)
  if (!body.ok) {
    sendError(res, body.status, body.message, body.status === 413 ? { Connection: 'close' } : {})
    return
  }
  const parsed = parseIdentityRequest(body.value)
  if (!parsed.ok) {
    sendError(res, 400, `Invalid identity request: ${parsed.error.message}`)
    return
  }
  // Read after the body: the document may have changed while it arrived.
  const served = options.getServed()
  if (!served) {
    sendError(res, 503, 'No environment document has been loaded yet')
    return
  }
  const { identifier, traits, transient } = parsed.value
  const stored = options.store.get(identifier)
  if (!transient) options.store.update(identifier, traits)
  respond(res, served, { identifier, stored, requested: traits })
}
