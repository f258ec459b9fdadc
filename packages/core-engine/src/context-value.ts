import { IntegralFloat } from './integral-float'

/**
 * @internal A context value after Flagsmith's normalisation, typed the way Python's engine types it:
 * - `string`, `boolean`;
 * - `bigint`: an integer that came from a numeric string (`"42"`), cast strictly like Python's `int` (`"2.5"` fails);
 * - `number`: a number the caller passed (JavaScript cannot tell `2` from `2.0`, so it compares like a float) or a
 *   non-integral float from a string (`"2.5"`);
 * - {@link IntegralFloat}: a whole float from a string (`"2.0"`), which Python keeps apart from the integer 2;
 * - `null`: absent.
 */
export type ContextValue = string | number | bigint | boolean | IntegralFloat | null

const INTEGER_TEXT = /^-?[0-9]+$/
const FLOAT_TEXT = /^-?[0-9]+\.[0-9]+$/

/**
 * @internal Normalises a raw trait or JSONPath value: numeric strings become numbers as in Flagsmith's engine;
 * objects, arrays and anything else that is not a scalar count as absent. Never throws.
 */
export function normalizeContextValue(raw: unknown): ContextValue {
  switch (typeof raw) {
    case 'string': {
      // Most traits are words: only a leading digit or `-` can start a number, so skip the patterns otherwise.
      const first = raw.charCodeAt(0)
      if (!((first >= 0x30 && first <= 0x39) || first === 0x2d)) return raw
      if (INTEGER_TEXT.test(raw)) return BigInt(raw)
      if (FLOAT_TEXT.test(raw)) {
        const float = Number(raw)
        return Number.isInteger(float) ? new IntegralFloat(float) : float
      }
      return raw
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return raw
    default:
      return null
  }
}
