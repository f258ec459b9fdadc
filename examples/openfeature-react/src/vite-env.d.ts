interface ImportMetaEnv {
  /** The Flagsmith-compatible API the demo reads when the page has no `?api=`, e.g. `http://127.0.0.1:8000/api/v1/`. */
  readonly VITE_VEXIL_API_URL?: string
}
