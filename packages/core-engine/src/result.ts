import type { VexilError } from './vexil-error'

/** The outcome of a fallible step on a hot path: callers branch on `ok` instead of catching. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: VexilError }
