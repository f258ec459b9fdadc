// Serves the React example with Vite's dev server against a given edge proxy: `npm start` runs it beside the proxy.
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * Starts the storefront on `port` (the next free one when it is taken), reading flags from `apiUrl`.
 * Resolves with `{ url, close() }`; rejects when Vite cannot start.
 */
export async function startReactApp({ apiUrl, port = 5173 }) {
  const server = await createServer({
    root,
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    clearScreen: false,
    // Baked in rather than passed as `?api=`, so the page keeps its proxy when reloaded from a bare URL.
    define: { 'import.meta.env.VITE_VEXIL_API_URL': JSON.stringify(apiUrl) },
    server: { host: '127.0.0.1', port, strictPort: false, open: false },
  })
  try {
    await server.listen()
  } catch (error) {
    await server.close()
    throw error
  }
  const url = server.resolvedUrls?.local[0]
  if (!url) {
    await server.close()
    throw new Error('Vite did not report the URL of the React example')
  }
  return { url, close: () => server.close() }
}
