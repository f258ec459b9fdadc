import { type Flag, type FlagMap, mergeFlags, VexilError } from '@vexil/core-engine'
import { flagValue } from './flag-value'
import type { ClientState, ClientStatus, FlagsListener, VexilClient } from './vexil-client'

/**
 * @internal Flags, status and listeners shared by both clients: implements the synchronous reads, `subscribe`
 * and `ready` of {@link VexilClient}.
 */
export interface FlagStore
  extends Pick<
    VexilClient,
    'isEnabled' | 'getValue' | 'getFlag' | 'getAllFlags' | 'getStatus' | 'getInitialState' | 'subscribe' | 'ready'
  > {
  /**
   * Replaces the flags (unchanged flags keep their previous object) and patches the status, then notifies the
   * listeners once if anything changed.
   */
  update(patch: { flags?: FlagMap; status?: Partial<ClientStatus> }): void
  /** Settles pending `ready()` calls with `CLOSED` and drops every listener. Idempotent. */
  close(): void
}

/** @internal Creates a store serving `initial` until updated; `onRead` sees every read of a known flag. */
export function createFlagStore(initial: ClientState, onRead?: (name: string) => void): FlagStore {
  let flags = initial.flags
  let status = initial.status
  let isClosed = false
  const listeners = new Set<FlagsListener>()

  const getFlag = (name: string): Flag | undefined => {
    const flag = Object.hasOwn(flags, name) ? flags[name] : undefined
    if (flag) onRead?.(name)
    return flag
  }
  const subscribe = (listener: FlagsListener) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
  const update: FlagStore['update'] = (patch) => {
    const merged = patch.flags ? mergeFlags(flags, patch.flags) : { flags, changed: [] }
    const next = { ...status, ...patch.status }
    const isStatusChanged = (Object.keys(next) as (keyof ClientStatus)[]).some((key) => next[key] !== status[key])
    if (merged.changed.length === 0 && !isStatusChanged) return
    flags = merged.flags
    if (isStatusChanged) status = next
    for (const listener of listeners) {
      try {
        listener(merged.changed)
      } catch (error) {
        // A faulty listener must neither starve the others nor fail the request that delivered the flags.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
  // undefined while loading; null when ready; the error to reject with otherwise.
  const outcome = (): VexilError | null | undefined => {
    if (isClosed) return new VexilError('CLOSED', 'vexil: the client is closed')
    if (status.isLoading) return undefined
    return status.source === 'default' ? status.error : null
  }

  return {
    isEnabled: (name) => getFlag(name)?.enabled === true,
    getValue: (name, fallback) => flagValue(getFlag(name), fallback),
    getFlag,
    getAllFlags: () => flags,
    getStatus: () => status,
    getInitialState: () => initial,
    subscribe,
    update,
    ready: ({ timeoutMs } = {}) =>
      new Promise((resolve, reject) => {
        const settle = (error: VexilError | null) => {
          unsubscribe()
          clearTimeout(timer)
          if (error) reject(error)
          else resolve()
        }
        const check = () => {
          const error = outcome()
          if (error !== undefined) settle(error)
        }
        const unsubscribe = subscribe(check)
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => settle(new VexilError('TIMEOUT', `vexil: no flags within ${timeoutMs} ms`)), timeoutMs)
        check()
      }),
    close() {
      if (isClosed) return
      isClosed = true
      update({ status: { isLoading: false, isFetching: false } })
      listeners.clear()
    },
  }
}
