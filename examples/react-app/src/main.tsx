import { createClient } from '@vexil/browser-sdk'
import { VexilProvider } from '@vexil/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { loadUser, toTraits } from './demo-user'
import { resolveApiUrl } from './resolve-api-url'
import './styles.css'

/** The demo environment's client-side key (examples/demo-environment.json). */
const ENVIRONMENT_KEY = 'vexilDemoClientKey0001'

const apiUrl = resolveApiUrl(window.location.search, import.meta.env.VITE_VEXIL_API_URL)
// A returning user starts identified, so the first render shows their cached flags, never the anonymous ones.
const user = loadUser(window.localStorage)
const client = createClient({
  environmentKey: ENVIRONMENT_KEY,
  apiUrl,
  identity: user?.identifier,
  traits: user ? toTraits(user) : undefined,
  realtime: true,
  // The proxy serves its SSE stream at its origin, beside `/api/v1/`.
  realtimeUrl: new URL('/', apiUrl).href,
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html must contain <div id="root">')

createRoot(root).render(
  <StrictMode>
    <VexilProvider client={client}>
      <App apiUrl={apiUrl} initialUser={user} />
    </VexilProvider>
  </StrictMode>,
)
