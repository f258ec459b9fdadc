import { useState } from 'react'
import { AssistantPanel } from './assistant-panel'
import { CheckoutBanner } from './checkout-banner'
import type { DemoUser } from './demo-user'
import { FlagTable } from './flag-table'
import { IdentifyForm } from './identify-form'
import { MaintenanceBanner } from './maintenance-banner'
import { StatusLine } from './status-line'
import { Storefront } from './storefront'
import { UsagePanel } from './usage-panel'

/** Props of {@link App}. */
export interface AppProps {
  /** The API the client reads, shown in the status line. */
  apiUrl: string
  /** The user remembered from the last visit, already identified with the client. */
  initialUser: DemoUser | null
}

/** The Acme storefront: every part of the page reads its own flags, so a flag change re-renders only its readers. */
export function App({ apiUrl, initialUser }: AppProps) {
  const [user, setUser] = useState(initialUser)
  return (
    <div className="page">
      <MaintenanceBanner />
      <header className="header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          <span>Acme</span>
          <span className="brand-tag">store</span>
        </div>
        <nav className="nav" aria-label="Main">
          <span className="nav-item nav-item-active">Dashboard</span>
          <span className="nav-item">Orders</span>
          <span className="nav-item">Catalogue</span>
          <span className="nav-item">Settings</span>
        </nav>
        <div className="user-chip" data-testid="current-user">
          {user ? `${user.identifier} · ${user.plan}` : 'Guest'}
        </div>
      </header>
      <CheckoutBanner />
      <main className="layout">
        <div className="column">
          <Storefront />
          <div className="panels">
            <UsagePanel />
            <AssistantPanel />
          </div>
        </div>
        <aside className="column column-side">
          <IdentifyForm user={user} onUserChange={setUser} />
          <FlagTable />
        </aside>
      </main>
      <StatusLine apiUrl={apiUrl} />
    </div>
  )
}
