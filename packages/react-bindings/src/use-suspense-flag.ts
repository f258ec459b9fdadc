import { type FlagState, useFlag } from './use-flag'
import { useFlagsStatus } from './use-flags-status'
import { useVexilClient } from './use-vexil-client'

const ignore = () => {}

/**
 * Reads one flag like {@link useFlag}, suspending while the current context has no flags yet (first load, or an
 * identity switch without cached flags). A failed load stops suspending and serves the default flags; check
 * `useFlagsStatus().error`. Never suspends on a fresh bootstrap.
 */
export function useSuspenseFlag(name: string): FlagState {
  const client = useVexilClient()
  const flag = useFlag(name)
  if (useFlagsStatus().isLoading) throw client.ready().then(ignore, ignore)
  return flag
}
