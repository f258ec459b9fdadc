/** Returns the API base URL with exactly one trailing slash, so endpoint paths can be appended. */
export function normalizeApiUrl(url: string): string {
  return url.endsWith('/') ? url.replace(/\/+$/, '/') : `${url}/`
}
