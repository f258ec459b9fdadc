import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEdgeProxy, type EdgeProxy, type EdgeProxyLogger } from '@vexil/edge-proxy'
import { FIXTURE_PATH, SERVER_KEY } from './fixture'

const silent: EdgeProxyLogger = { info() {}, warn() {}, error() {} }

/** A real edge proxy on 127.0.0.1 serving a private copy of the fixture document, which tests may edit. */
export async function startEdgeProxy(options: { port?: number; documentPath?: string } = {}) {
  let documentPath = options.documentPath
  let dir: string | undefined
  if (!documentPath) {
    dir = await mkdtemp(join(tmpdir(), 'vexil-node-sdk-'))
    documentPath = join(dir, 'environment.json')
    await copyFile(FIXTURE_PATH, documentPath)
  }
  const proxy: EdgeProxy = await createEdgeProxy({
    document: documentPath,
    serverKeys: [SERVER_KEY],
    port: options.port ?? 0,
    logger: silent,
    // The tests prove the file watcher and the SSE push; a stat fallback would blur that.
    watchPollIntervalMs: 60_000,
  })
  const path = documentPath
  return {
    proxy,
    documentPath: path,
    /** Rewrites the document file with `banner_text`'s environment value replaced. */
    async setBanner(value: string) {
      const document = JSON.parse(await readFile(path, 'utf8')) as {
        feature_states: { feature: { name: string }; feature_state_value: unknown }[]
      }
      for (const state of document.feature_states) {
        if (state.feature.name === 'banner_text') state.feature_state_value = value
      }
      await writeFile(path, JSON.stringify(document, null, 2))
    },
    async remove() {
      await proxy.close()
      if (dir) await rm(dir, { recursive: true, force: true })
    },
  }
}
