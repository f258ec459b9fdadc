import { type CompiledEnvironment, compileEnvironment, type Result, VexilError } from '@vexil/core-engine'

/**
 * Parses and compiles an environment document's JSON text. Fails with an `INVALID_DOCUMENT` error whose message
 * says what is wrong and where (the JSON path of the first problem, or the JSON syntax error); never throws.
 */
export function compileDocumentText(text: string): Result<CompiledEnvironment> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    return { ok: false, error: new VexilError('INVALID_DOCUMENT', `$: invalid JSON (${detail})`, { cause }) }
  }
  try {
    return { ok: true, value: compileEnvironment(json) }
  } catch (cause) {
    if (cause instanceof VexilError) return { ok: false, error: cause }
    const detail = cause instanceof Error ? cause.message : String(cause)
    return { ok: false, error: new VexilError('INVALID_DOCUMENT', `$: ${detail}`, { cause }) }
  }
}
