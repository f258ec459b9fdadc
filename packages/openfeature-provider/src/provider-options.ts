import type { BooleanSource } from './resolve-flag'

/** How a provider maps flags, shared by {@link VexilProvider} and {@link VexilWebProvider}. */
export interface ProviderBehaviourOptions {
  /**
   * What boolean evaluations return: the flag's `enabled` state (Flagsmith's on/off switch), or its `value` for
   * flags that hold a boolean remote-config value.
   * @defaultValue `'enabled'`
   */
  booleanSource?: BooleanSource
  /**
   * How long `initialize` (and so `setProviderAndWait`) waits for the client's first flags before failing with
   * `PROVIDER_ERROR`. The client keeps trying afterwards and the provider turns `READY` when flags arrive.
   * @defaultValue `10_000`
   */
  readyTimeoutMs?: number
}

/** @internal */
export const DEFAULT_READY_TIMEOUT_MS = 10_000

/**
 * Splits provider options into the provider's own and the SDK client's, so the client never sees unknown options.
 * Throws a `TypeError` at once for invalid values (a programmer error).
 * @internal
 */
export function splitBehaviourOptions<T extends ProviderBehaviourOptions>(
  options: T,
): { behaviour: Required<ProviderBehaviourOptions>; clientOptions: Omit<T, keyof ProviderBehaviourOptions> } {
  const { booleanSource = 'enabled', readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS, ...clientOptions } = options
  if (booleanSource !== 'enabled' && booleanSource !== 'value') {
    throw new TypeError(`booleanSource must be 'enabled' or 'value'; got ${JSON.stringify(booleanSource)}`)
  }
  if (!(readyTimeoutMs > 0)) throw new TypeError(`readyTimeoutMs must be a positive number; got ${readyTimeoutMs}`)
  return { behaviour: { booleanSource, readyTimeoutMs }, clientOptions }
}
