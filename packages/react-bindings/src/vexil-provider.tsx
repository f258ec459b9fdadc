import { type ClientOptions, createClient, type FlagsSnapshot, type VexilClient } from '@vexil/browser-sdk'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { VexilContext } from './vexil-context'

/** Props of {@link VexilProvider}: a client to share, or options for a client the provider owns. */
export type VexilProviderProps = { children?: ReactNode } & (
  | { client: VexilClient; options?: undefined; bootstrap?: undefined }
  | {
      client?: undefined
      /** Read once, on mount: remount the provider (e.g. with a `key`) to apply other options. */
      options: ClientOptions
      /** Flags the server rendered with; overrides `options.bootstrap`. */
      bootstrap?: FlagsSnapshot
    }
)

/**
 * Makes a client available to the hooks below it. With `options` it creates its own client (starting no I/O
 * during render) and closes it on unmount; a given `client` is left open.
 * @example
 * ```tsx
 * <VexilProvider options={{ environmentKey: 'n9fbf9h3v4fFgH3U3ngWhb' }} bootstrap={snapshotFromServer}>
 *   <App />
 * </VexilProvider>
 * ```
 */
export function VexilProvider(props: VexilProviderProps): ReactNode {
  const [owned] = useState(() =>
    props.client
      ? undefined
      : createClient({ ...props.options, bootstrap: props.bootstrap ?? props.options.bootstrap, lazy: true }),
  )
  const closeTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => {
    if (!owned) return
    clearTimeout(closeTimer.current)
    // StrictMode unmounts and remounts the same client at once: close only if no remount follows.
    return () => {
      closeTimer.current = setTimeout(owned.close)
    }
  }, [owned])
  return <VexilContext.Provider value={props.client ?? owned!}>{props.children}</VexilContext.Provider>
}
