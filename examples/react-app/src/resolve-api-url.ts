/** The API of the demo edge proxy that `npm start` runs. */
export const DEFAULT_API_URL = 'http://127.0.0.1:8000/api/v1/'

function asHttpUrl(candidate: string | null | undefined): string | undefined {
  if (!candidate) return undefined
  try {
    const url = new URL(candidate)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

/**
 * Picks the API the demo reads: `?api=` in the page's query string wins over the build-time `configured` URL, so one
 * build can be pointed at any proxy (the e2e test starts one on a random port). Invalid or non-http URLs are ignored.
 *
 * @defaultValue {@link DEFAULT_API_URL} when neither source gives a usable URL
 */
export function resolveApiUrl(search: string, configured: string | undefined): string {
  return asHttpUrl(new URLSearchParams(search).get('api')) ?? asHttpUrl(configured) ?? DEFAULT_API_URL
}
