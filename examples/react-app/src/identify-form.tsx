import { useVexilClient } from '@vexil/react'
import { type FormEvent, useState } from 'react'
import { type DemoUser, PLANS, saveUser, toTraits } from './demo-user'

/** Props of {@link IdentifyForm}. */
export interface IdentifyFormProps {
  user: DemoUser | null
  onUserChange: (user: DemoUser | null) => void
}

/**
 * Signs a shopper in (identify with `plan` and `beta_tester` traits) or out (logout). Flags follow by themselves:
 * the client drops the response of any earlier context, so fast switching never shows another user's flags.
 */
export function IdentifyForm({ user, onUserChange }: IdentifyFormProps) {
  const client = useVexilClient()
  const [identifier, setIdentifier] = useState(user?.identifier ?? 'jane')
  const [plan, setPlan] = useState<DemoUser['plan']>(user?.plan ?? 'free')
  const [isBetaTester, setIsBetaTester] = useState(user?.isBetaTester ?? false)

  const signIn = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const next: DemoUser = { identifier: identifier.trim(), plan, isBetaTester }
    if (next.identifier === '') return
    saveUser(window.localStorage, next)
    onUserChange(next)
    // Failures surface in the status line; the previous flags keep showing meanwhile.
    client.identify(next.identifier, toTraits(next)).catch(() => undefined)
  }

  const signOut = () => {
    saveUser(window.localStorage, null)
    onUserChange(null)
    client.logout().catch(() => undefined)
  }

  return (
    <section className="card">
      <h2 className="subtitle">{user ? 'Signed in' : 'Sign in'}</h2>
      <form className="form" onSubmit={signIn} data-testid="identify-form">
        <label className="field">
          <span>Identifier</span>
          <input
            value={identifier}
            onChange={(event) => setIdentifier(event.target.value)}
            placeholder="user id"
            autoComplete="off"
            data-testid="identifier-input"
          />
        </label>
        <label className="field">
          <span>Plan</span>
          <select
            value={plan}
            onChange={(event) => setPlan(PLANS.find((known) => known === event.target.value) ?? 'free')}
            data-testid="plan-select"
          >
            {PLANS.map((known) => (
              <option key={known} value={known}>
                {known}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={isBetaTester}
            onChange={(event) => setIsBetaTester(event.target.checked)}
            data-testid="beta-checkbox"
          />
          <span>Beta tester</span>
        </label>
        <div className="actions">
          <button type="submit" className="button" disabled={identifier.trim() === ''} data-testid="identify-button">
            {user ? 'Update' : 'Identify'}
          </button>
          {user && (
            <button type="button" className="button button-secondary" onClick={signOut} data-testid="logout-button">
              Log out
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
