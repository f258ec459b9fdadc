import { VexilWebProvider, type VexilWebProviderOptions } from '@vexil/openfeature-provider/web'

/** The demo environment's client-side key (examples/demo-environment.json). */
export const DEMO_CLIENT_KEY = 'vexilDemoClientKey0001'

/** The API of the demo edge proxy that `npm start` runs. */
export const DEFAULT_API_URL = 'http://127.0.0.1:8000/api/v1/'

/**
 * The OpenFeature provider of the demo: Vexil's web provider on the demo environment, following changes in realtime.
 * `overrides` lets tests swap platform pieces (EventSource, storage).
 */
export function createDemoProvider(apiUrl: string, overrides: Partial<VexilWebProviderOptions> = {}): VexilWebProvider {
  return new VexilWebProvider({
    environmentKey: DEMO_CLIENT_KEY,
    apiUrl,
    realtime: true,
    // The proxy serves its SSE stream at its origin, beside `/api/v1/`.
    realtimeUrl: new URL('/', apiUrl).href,
    ...overrides,
  } as VexilWebProviderOptions)
}

/** The API to read: `?api=` in the page's address, else `VITE_VEXIL_API_URL` at build time, else the demo proxy. */
export function resolveApiUrl(search: string, configured: string | undefined): string {
  for (const candidate of [new URLSearchParams(search).get('api'), configured]) {
    if (!candidate) continue
    try {
      const url = new URL(candidate)
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href
    } catch {
      // Not a URL: try the next source.
    }
  }
  return DEFAULT_API_URL
}
