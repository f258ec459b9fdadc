import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createEdgeProxy } from '@vexil/edge-proxy'

// The edge proxy under load, in a process of its own (started by suites/edge-proxy.mjs) so that the load generator
// does not share its event loop. Serves a generated document, reports `{ url, clientKey, bytes }` over IPC, and
// stops when its parent disconnects.

const { values } = parseArgs({
  options: {
    generator: { type: 'string' },
    seed: { type: 'string', default: '1' },
    features: { type: 'string', default: '200' },
    segments: { type: 'string', default: '50' },
    'identity-overrides': { type: 'string', default: '100' },
    'identity-count': { type: 'string', default: '10000' },
  },
})
const { generateDocument } = await import(pathToFileURL(values.generator).href)
const document = generateDocument({
  seed: Number(values.seed),
  features: Number(values.features),
  segments: Number(values.segments),
  identityOverrides: Number(values['identity-overrides']),
  identityCount: Number(values['identity-count']),
})
const directory = mkdtempSync(join(tmpdir(), 'vexil-bench-edge-'))
const path = join(directory, 'environment.json')
const text = JSON.stringify(document)
writeFileSync(path, text)

const silent = () => {}
const proxy = await createEdgeProxy({
  document: path,
  port: 0,
  logger: { info: silent, warn: silent, error: (message, cause) => console.error(message, cause) },
})
process.send({ url: proxy.url, clientKey: document.api_key, bytes: Buffer.byteLength(text) })
process.once('disconnect', async () => {
  await proxy.close()
  rmSync(directory, { recursive: true, force: true })
})
