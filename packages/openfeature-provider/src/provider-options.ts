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
 * `T` without the provider's own options, member by member when `T` is a union (`Omit` would merge the members).
 * @internal
 */
export type WithoutBehaviourOptions<T> = T extends unknown ? Omit<T, keyof ProviderBehaviourOptions> : never

/**
 * Splits provider options into the provider's own and the SDK client's, so the client never sees unknown options.
 * Throws a `TypeError` at once for invalid values (a programmer error).
 * @internal
 */
export function splitBehaviourOptions<T extends ProviderBehaviourOptions>(
  options: T,
): { behaviour: Required<ProviderBehaviourOptions>; clientOptions: WithoutBehaviourOptions<T> } {
  const { booleanSource = 'enabled', readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS, ...rest } = options
  const clientOptions = rest as unknown as WithoutBehaviourOptions<T>
  if (booleanSource !== 'enabled' && booleanSource !== 'value') {
    throw new TypeError(`booleanSource must be 'enabled' or 'value'; got ${JSON.stringify(booleanSource)}`)
  }
  if (!(readyTimeoutMs > 0)) throw new TypeError(`readyTimeoutMs must be a positive number; got ${readyTimeoutMs}`)
  return { behaviour: { booleanSource, readyTimeoutMs }, clientOptions }
}
