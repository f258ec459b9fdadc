import { useFlag } from '@vexil/react'
import { parseJsonFlag } from './parse-json-flag'

/** The support assistant, configured remotely by `llm_prompt_config` (model, temperature, system prompt). */
export function AssistantPanel() {
  const { enabled, value } = useFlag('llm_prompt_config')
  const config = enabled ? parseJsonFlag(value) : undefined
  return (
    <section className="card">
      <h2 className="subtitle">Support assistant</h2>
      {config ? (
        <>
          <div className="chips">
            <span className="chip" data-testid="assistant-model">
              {String(config.model ?? 'unknown model')}
            </span>
            <span className="chip">temperature {String(config.temperature ?? '?')}</span>
          </div>
          <p className="prompt" data-testid="assistant-prompt">
            {String(config.system_prompt ?? '')}
          </p>
        </>
      ) : (
        <p className="muted" data-testid="assistant-model">
          Assistant unavailable
        </p>
      )}
    </section>
  )
}
