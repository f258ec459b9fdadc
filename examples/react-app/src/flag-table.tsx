import { useFlags } from '@vexil/react'

function formatValue(value: unknown): string {
  return value === null || value === undefined ? '—' : String(value)
}

/** Every flag the client holds for the current context, as the raw `enabled` and `value` the hooks read. */
export function FlagTable() {
  const flags = useFlags()
  const sorted = Object.values(flags).sort((a, b) => a.name.localeCompare(b.name))
  return (
    <section className="card">
      <h2 className="subtitle">Flags</h2>
      <table className="table flag-table" data-testid="flag-table">
        <tbody>
          {sorted.map((flag) => (
            <tr key={flag.name} data-testid={`flag-${flag.name}`} data-enabled={String(flag.enabled)}>
              <td>
                <span
                  className={flag.enabled ? 'dot dot-on' : 'dot'}
                  role="img"
                  aria-label={flag.enabled ? 'on' : 'off'}
                />
              </td>
              <td className="mono">{flag.name}</td>
              <td className="mono flag-value" title={formatValue(flag.value)} data-testid={`flag-${flag.name}-value`}>
                {formatValue(flag.value)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length === 0 && <p className="muted">No flags yet.</p>}
    </section>
  )
}
