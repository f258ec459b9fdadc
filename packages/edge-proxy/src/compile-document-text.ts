import {
  type CompiledEnvironment,
  compileEnvironment,
  type EnvironmentDocument,
  type Result,
  VexilError,
} from '@vexil/core-engine'

/** A valid environment document: the compiled environment, with what the API's responses need beyond evaluation. */
export interface CompiledDocument {
  environment: CompiledEnvironment
  /**
   * Each feature's `feature.type` as the document spells it, by name. The API reports a feature's own type, which the
   * evaluated flag does not carry: a multivariate feature evaluated without an identity has no variant.
   */
  featureTypes: ReadonlyMap<string, string>
}

/**
 * Parses and compiles an environment document's JSON text. Fails with an `INVALID_DOCUMENT` error whose message
 * says what is wrong and where (the JSON path of the first problem, or the JSON syntax error); never throws.
 */
export function compileDocumentText(text: string): Result<CompiledDocument> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    return { ok: false, error: new VexilError('INVALID_DOCUMENT', `$: invalid JSON (${detail})`, { cause }) }
  }
  try {
    const environment = compileEnvironment(json)
    return { ok: true, value: { environment, featureTypes: readFeatureTypes(json as EnvironmentDocument) } }
  } catch (cause) {
    if (cause instanceof VexilError) return { ok: false, error: cause }
    const detail = cause instanceof Error ? cause.message : String(cause)
    return { ok: false, error: new VexilError('INVALID_DOCUMENT', `$: ${detail}`, { cause }) }
  }
}

function readFeatureTypes(document: EnvironmentDocument): Map<string, string> {
  const types = new Map<string, string>()
  // The engine evaluates exactly the features with an environment state, so override states (which repeat the same
  // feature) add nothing. Validation leaves `type` unchecked: a document without it keeps the guess from the variant.
  for (const state of document.feature_states) {
    if (typeof state.feature.type === 'string') types.set(state.feature.name, state.feature.type)
  }
  return types
}
