import { OpenFeature, OpenFeatureProvider } from '@openfeature/react-sdk'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { createDemoProvider, resolveApiUrl } from './create-demo-provider'

const apiUrl = resolveApiUrl(window.location.search, import.meta.env.VITE_VEXIL_API_URL)
void OpenFeature.setProviderAndWait(createDemoProvider(apiUrl)).catch((error: unknown) => {
  // The page still renders the callers' defaults; the status line shows ERROR until the proxy answers.
  console.warn('The Vexil provider is not ready yet:', error)
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html must contain <div id="root">')

createRoot(root).render(
  <StrictMode>
    <OpenFeatureProvider>
      <App apiUrl={apiUrl} />
    </OpenFeatureProvider>
  </StrictMode>,
)
