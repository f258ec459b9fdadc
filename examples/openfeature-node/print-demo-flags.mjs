import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk'
import { VexilProvider } from '@vexil/openfeature-provider/server'

/** The demo environment's client-side key (examples/demo-environment.json). */
export const DEMO_CLIENT_KEY = 'vexilDemoClientKey0001'

/** Who the demo evaluates flags for: each context lands in a different part of the demo environment. */
export const DEMO_CONTEXTS = [
  { label: 'anonymous', context: {} },
  { label: 'free user', context: { targetingKey: 'alice', plan: 'free' } },
  { label: 'pro user', context: { targetingKey: 'bob', plan: 'pro', signedUpAt: new Date('2024-03-01') } },
  { label: 'beta tester', context: { targetingKey: 'carol', email: 'carol@acme.io' } },
  { label: 'identity override', context: { targetingKey: 'vip-customer-42' } },
]

function describe(details) {
  const value = typeof details.value === 'object' ? JSON.stringify(details.value) : String(details.value)
  const extra = [details.reason, details.variant && `variant ${details.variant}`, details.flagMetadata.segment]
  return `${value}  (${extra.filter(Boolean).join(', ')})`
}

/**
 * Evaluates the demo flags for a few contexts through OpenFeature and writes them line by line. With `serverKey`,
 * the provider evaluates locally and follows changes in realtime; otherwise it asks the API per context.
 * Rejects when the provider cannot become ready.
 */
export async function printDemoFlags({ apiUrl, serverKey, write }) {
  const provider = new VexilProvider(
    serverKey
      ? { environmentKey: serverKey, apiUrl, enableLocalEvaluation: true, realtime: true }
      : { environmentKey: DEMO_CLIENT_KEY, apiUrl },
  )
  OpenFeature.addHandler(ProviderEvents.ConfigurationChanged, (details) => {
    write(`configuration changed: ${details?.flagsChanged?.join(', ')}`)
  })
  try {
    await OpenFeature.setProviderAndWait(provider)
    const client = OpenFeature.getClient('openfeature-node-example')
    write(`Vexil OpenFeature provider against ${apiUrl} (${serverKey ? 'local evaluation' : 'remote evaluation'})`)
    for (const { label, context } of DEMO_CONTEXTS) {
      write(`\n${label}${context.targetingKey ? ` "${context.targetingKey}"` : ''}`)
      const evaluations = [
        ['new_dashboard', await client.getBooleanDetails('new_dashboard', false, context)],
        ['api_rate_limit', await client.getNumberDetails('api_rate_limit', 10, context)],
        ['items_per_page', await client.getNumberDetails('items_per_page', 10, context)],
        ['checkout_banner', await client.getStringDetails('checkout_banner', '', context)],
        ['maintenance_mode', await client.getStringDetails('maintenance_mode', 'none', context)],
        ['llm_prompt_config', await client.getObjectDetails('llm_prompt_config', {}, context)],
        ['not_a_flag', await client.getBooleanDetails('not_a_flag', false, context)],
      ]
      for (const [key, details] of evaluations) {
        write(
          `  ${key.padEnd(18)} ${details.errorCode ? `${details.value}  (${details.errorCode})` : describe(details)}`,
        )
      }
    }
  } finally {
    await OpenFeature.close()
  }
}
