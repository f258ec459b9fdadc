import { type FlagValue, flagValue, type ValueOf } from '@vexil/browser-sdk'
import { useSyncExternalStore } from 'react'
import { ownFlag } from './use-flag'
import { useVexilClient } from './use-vexil-client'

/**
 * Reads a flag's value, or `fallback` while the flag is unknown, `null` or of another type than `fallback`.
 * Re-renders when the value changes.
 */
export function useFlagValue<T extends FlagValue>(name: string, fallback: T): ValueOf<T> {
  const client = useVexilClient()
  return useSyncExternalStore(
    client.subscribe,
    () => client.getValue(name, fallback),
    () => flagValue(ownFlag(client.getInitialState().flags, name), fallback),
  )
}
