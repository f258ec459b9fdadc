import type { Flag, FlagMap } from '@vexil/browser-sdk'
import { useRef, useSyncExternalStore } from 'react'
import { ownFlag } from './use-flag'
import { useVexilClient } from './use-vexil-client'

/** Reads every flag; re-renders when any flag changes. */
export function useFlags(): FlagMap
/** Reads the named flags (`undefined` while unknown); re-renders only when one of them changes. */
export function useFlags<N extends string>(names: readonly N[]): Record<N, Flag | undefined>
export function useFlags(names?: readonly string[]): Record<string, Flag | undefined> {
  const client = useVexilClient()
  // The last selection, returned again while its flags are the same objects: snapshots must be stable.
  const last = useRef<Record<string, Flag | undefined>>(undefined)
  const select = (flags: FlagMap) => {
    if (!names) return flags
    const picked: Record<string, Flag | undefined> = Object.create(null)
    for (const name of names) picked[name] = ownFlag(flags, name)
    const previous = last.current
    const keys = Object.keys(picked)
    if (
      previous &&
      keys.length === Object.keys(previous).length &&
      keys.every((key) => Object.hasOwn(previous, key) && previous[key] === picked[key])
    ) {
      return previous
    }
    last.current = picked
    return picked
  }
  return useSyncExternalStore(
    client.subscribe,
    () => select(client.getAllFlags()),
    () => select(client.getInitialState().flags),
  )
}
