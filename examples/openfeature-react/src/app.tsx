import {
  type EvaluationDetails,
  type FlagValue,
  useBooleanFlagDetails,
  useContextMutator,
  useNumberFlagDetails,
  useObjectFlagDetails,
  useOpenFeatureClientStatus,
  useStringFlagDetails,
} from '@openfeature/react-sdk'
import { useState } from 'react'
import { DEMO_USERS } from './demo-users'

function describe(details: EvaluationDetails<FlagValue>): string {
  const value = typeof details.value === 'object' ? JSON.stringify(details.value) : String(details.value)
  const why =
    details.errorCode ?? [details.reason, details.variant, details.flagMetadata.segment].filter(Boolean).join(', ')
  return `${value} (${why})`
}

function FlagRow({ flagKey, details }: { flagKey: string; details: EvaluationDetails<FlagValue> }) {
  return (
    <tr>
      <th scope="row">{flagKey}</th>
      <td data-testid={flagKey}>{describe(details)}</td>
    </tr>
  )
}

/** One hook per flag, so a realtime change re-renders only the rows of the flags it changed. */
function NewDashboard() {
  return <FlagRow flagKey="new_dashboard" details={useBooleanFlagDetails('new_dashboard', false)} />
}
function CheckoutBanner() {
  return <FlagRow flagKey="checkout_banner" details={useStringFlagDetails('checkout_banner', '')} />
}
function ItemsPerPage() {
  return <FlagRow flagKey="items_per_page" details={useNumberFlagDetails('items_per_page', 10)} />
}
function MaintenanceMode() {
  return <FlagRow flagKey="maintenance_mode" details={useStringFlagDetails('maintenance_mode', 'none')} />
}
function AssistantConfig() {
  return <FlagRow flagKey="llm_prompt_config" details={useObjectFlagDetails('llm_prompt_config', {})} />
}
function MissingFlag() {
  return <FlagRow flagKey="not_a_flag" details={useBooleanFlagDetails('not_a_flag', false)} />
}

/** Switches the global evaluation context; the provider loads the new identity's flags (status RECONCILING). */
function UserPicker() {
  // The page has one provider, on the global (default) context.
  const { setContext } = useContextMutator({ defaultContext: true })
  const [selected, setSelected] = useState(DEMO_USERS[0]?.label)
  return (
    <nav aria-label="visitor">
      {DEMO_USERS.map((user) => (
        <button
          key={user.label}
          type="button"
          aria-pressed={user.label === selected}
          onClick={() => {
            setSelected(user.label)
            void setContext(user.context)
          }}
        >
          {user.label}
        </button>
      ))}
    </nav>
  )
}

/** The demo page: a visitor picker and the demo flags as OpenFeature resolves them. */
export function App({ apiUrl }: { apiUrl: string }) {
  const status = useOpenFeatureClientStatus()
  return (
    <main>
      <h1>Acme · flags through OpenFeature</h1>
      <UserPicker />
      <table>
        <tbody>
          <NewDashboard />
          <CheckoutBanner />
          <ItemsPerPage />
          <MaintenanceMode />
          <AssistantConfig />
          <MissingFlag />
        </tbody>
      </table>
      <p>
        provider <span data-testid="status">{status}</span> · {apiUrl}
      </p>
    </main>
  )
}
