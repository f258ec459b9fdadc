import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEdgeProxy, type EdgeProxy } from '@vexil/edge-proxy'

// A string path, not `new URL(…)`: under jsdom `URL` is jsdom's, which `fileURLToPath` refuses.
const FIXTURE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'environment.json')

/** The fixture environment's client-side key (its `api_key`). */
export const ENVIRONMENT_KEY = 'openFeatureTestKey01'
/** A server-side key the test proxy accepts, for local evaluation. */
export const SERVER_KEY = 'ser.openFeatureTestKey01'

/** A fixture feature state, as much of it as the tests edit. */
export interface FeatureStateDocument {
  enabled: boolean
  feature: { name: string }
  feature_state_value: unknown
}

/** An environment document, as much of it as the tests edit. */
export interface EnvironmentDocumentJson {
  updated_at: string
  feature_states: FeatureStateDocument[]
}

const silentLogger = { info() {}, warn() {}, error() {} }

/**
 * A real edge proxy serving a private copy of the fixture document on a free loopback port. The document can be
 * edited (the proxy serves the change and announces it over SSE), and the proxy stopped and restarted on the same
 * port to make clients' requests fail and recover.
 */
export interface TestProxy {
  readonly apiUrl: string
  /** Base URL of the realtime stream (`<proxy>/`). */
  readonly realtimeUrl: string
  /** Applies `edit` to the document, bumps `updated_at` and resolves once the proxy serves the result. */
  updateDocument(edit: (document: EnvironmentDocumentJson) => void): Promise<void>
  /** Sets one feature state's value and/or `enabled`, like a change in the Flagsmith dashboard. */
  updateFeature(name: string, change: { value?: unknown; enabled?: boolean }): Promise<void>
  /** Stops listening, so requests fail with a network error. */
  stop(): Promise<void>
  /** Listens again on the same port. */
  restart(): Promise<void>
  /** How many realtime streams are open. */
  realtimeClients(): Promise<number>
  close(): Promise<void>
}

/** Starts a {@link TestProxy}. */
export async function startTestProxy(): Promise<TestProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'vexil-openfeature-'))
  const documentPath = join(dir, 'environment.json')
  await copyFile(FIXTURE_PATH, documentPath)
  const start = (port: number) =>
    createEdgeProxy({ document: documentPath, serverKeys: [SERVER_KEY], port, logger: silentLogger })
  let proxy: EdgeProxy | undefined = await start(0)
  const port = proxy.port
  const apiUrl = proxy.apiUrl
  const baseUrl = proxy.url
  let version = 0

  const updateDocument = async (edit: (document: EnvironmentDocumentJson) => void) => {
    const running = proxy
    if (!running) throw new Error('the test proxy is stopped')
    const document = JSON.parse(await readFile(documentPath, 'utf8')) as EnvironmentDocumentJson
    edit(document)
    version++
    document.updated_at = new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString()
    const served = new Promise<void>((resolve) => {
      const unsubscribe = running.subscribe(() => {
        unsubscribe()
        resolve()
      })
    })
    await writeFile(documentPath, JSON.stringify(document, null, 2))
    await served
  }

  return {
    apiUrl,
    realtimeUrl: `${baseUrl}/`,
    updateDocument,
    updateFeature: (name, change) =>
      updateDocument((document) => {
        const state = document.feature_states.find((candidate) => candidate.feature.name === name)
        if (!state) throw new Error(`no feature state named ${name}`)
        if ('value' in change) state.feature_state_value = change.value
        if (change.enabled !== undefined) state.enabled = change.enabled
      }),
    async stop() {
      await proxy?.close()
      proxy = undefined
    },
    async restart() {
      proxy ??= await start(port)
    },
    async realtimeClients() {
      const response = await fetch(`${baseUrl}/health`)
      const health = (await response.json()) as { realtimeClients: number }
      return health.realtimeClients
    },
    async close() {
      await proxy?.close()
      proxy = undefined
      await rm(dir, { recursive: true, force: true })
    },
  }
}
