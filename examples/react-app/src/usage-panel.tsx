import { useFlag, useFlagValue } from '@vexil/react'
import { parseJsonFlag } from './parse-json-flag'

function formatTypes(types: unknown): string {
  return Array.isArray(types) && types.length > 0 ? types.map(String).join(', ') : 'any'
}

/** The account's limits: `api_rate_limit` (a number) and `upload_config` (JSON remote config). */
export function UsagePanel() {
  const rateLimit = useFlagValue('api_rate_limit', 100)
  const upload = useFlag('upload_config')
  const config = upload.enabled ? parseJsonFlag(upload.value) : undefined
  return (
    <section className="card">
      <h2 className="subtitle">Plan limits</h2>
      <dl className="facts">
        <dt>API rate limit</dt>
        <dd data-testid="rate-limit">{String(rateLimit)} requests / min</dd>
        <dt>Uploads</dt>
        <dd data-testid="upload-limits">
          {config
            ? `up to ${String(config.max_file_size_mb ?? '?')} MB · ${formatTypes(config.allowed_types)}`
            : 'disabled'}
        </dd>
      </dl>
    </section>
  )
}
