import type { FlagValue } from '@vexil/browser-sdk'
import { useSyncExternalStore } from 'react'
import { ownFlag } from './use-flag'
import { useVexilClient } from './use-vexil-client'

/** Reads a flag's value, or `fallback` while the flag is unknown or has no value. Re-renders when it changes. */
export function useFlagValue<T extends FlagValue>(name: string, fallback: T): T | FlagValue {
  const client = useVexilClient()
  return useSyncExternalStore(
    client.subscribe,
    () => client.getValue(name, fallback),
    () => ownFlag(client.getInitialState().flags, name)?.value ?? fallback,
  )
}
