import { useFlagsStatus, useVexilClient } from '@vexil/react'
import { useEffect, useState } from 'react'

const SOURCE_LABELS = {
  server: 'live from the server',
  cache: "from this browser's cache",
  bootstrap: 'from the page bootstrap',
  default: 'defaults only',
  local: 'evaluated in this page',
} as const

/** Props of {@link StatusLine}. */
export interface StatusLineProps {
  apiUrl: string
}

/** Where the flags on screen come from (useFlagsStatus), the last change pushed to the page, and the API in use. */
export function StatusLine({ apiUrl }: StatusLineProps) {
  const status = useFlagsStatus()
  const client = useVexilClient()
  const [lastChange, setLastChange] = useState<{ names: readonly string[]; at: Date } | null>(null)

  useEffect(
    () =>
      client.subscribe((changed) => {
        if (changed.length > 0) setLastChange({ names: changed, at: new Date() })
      }),
    [client],
  )

  const state = status.isLoading ? 'loading' : status.error ? 'error' : status.isFetching ? 'fetching' : 'idle'
  return (
    <footer className="status">
      <span
        className={`status-pill status-${status.source}`}
        data-testid="flags-status"
        data-source={status.source}
        data-state={state}
      >
        <span className="dot dot-on" aria-hidden="true" />
        Flags {SOURCE_LABELS[status.source]}
        {status.isFetching && ' · updating…'}
      </span>
      {status.error && (
        <span className="status-error" data-testid="flags-error">
          {status.error.message}
        </span>
      )}
      <span className="muted" data-testid="last-change">
        {lastChange
          ? `Last change ${lastChange.at.toLocaleTimeString()}: ${lastChange.names.join(', ')}`
          : 'No change since load'}
      </span>
      <span className="muted mono status-api">{apiUrl}</span>
    </footer>
  )
}
