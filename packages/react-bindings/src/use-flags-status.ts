import type { ClientStatus } from '@vexil/browser-sdk'
import { useSyncExternalStore } from 'react'
import { useVexilClient } from './use-vexil-client'

/** Reads the client's status (loading, fetching, last error, source of the flags); re-renders when it changes. */
export function useFlagsStatus(): ClientStatus {
  const client = useVexilClient()
  return useSyncExternalStore(
    client.subscribe,
    () => client.getStatus(),
    () => client.getInitialState().status,
  )
}
