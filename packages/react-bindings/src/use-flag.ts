import type { Flag, FlagMap, FlagValue } from '@vexil/browser-sdk'
import { useSyncExternalStore } from 'react'
import { useVexilClient } from './use-vexil-client'

/** A flag as components read it. */
export interface FlagState {
  enabled: boolean
  value: FlagValue
}

const UNKNOWN: FlagState = Object.freeze({ enabled: false, value: null })

/** @internal A flag of a map, never one inherited from `Object.prototype`. */
export function ownFlag(flags: FlagMap, name: string): Flag | undefined {
  return Object.hasOwn(flags, name) ? flags[name] : undefined
}

/**
 * Reads one flag: `{ enabled: false, value: null }` while unknown. The component re-renders only when this flag
 * changes, and the returned object stays the same until then.
 */
export function useFlag(name: string): FlagState {
  const client = useVexilClient()
  // The client's flag objects are already stable (unchanged flags keep their identity), so they are returned as is.
  return useSyncExternalStore(
    client.subscribe,
    () => client.getFlag(name) ?? UNKNOWN,
    () => ownFlag(client.getInitialState().flags, name) ?? UNKNOWN,
  )
}
