import { type VexilClient, VexilError } from '@vexil/browser-sdk'
import { useContext } from 'react'
import { VexilContext } from './vexil-context'

/**
 * The client of the nearest `<VexilProvider>`: for `identify`, `setTraits`, `logout` and reads in event handlers.
 * @throws VexilError `INVALID_OPTIONS` outside a `<VexilProvider>`.
 */
export function useVexilClient(): VexilClient {
  const client = useContext(VexilContext)
  if (!client) {
    throw new VexilError(
      'INVALID_OPTIONS',
      'vexil: flag hooks and useVexilClient() must be used inside <VexilProvider>',
    )
  }
  return client
}
