import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { compileEnvironment } from '@vexil/core-engine'
import { Flagsmith, LocalFileHandler } from 'flagsmith-nodejs'
import { measureOperations, median } from '../measure-throughput.mjs'

// One document size, in a process of its own (started by suites/engine.mjs with --expose-gc): core-engine and
// flagsmith-nodejs (offline local evaluation) on the same document and the same identities, in alternating rounds.

const { values } = parseArgs({
  options: {
    generator: { type: 'string' },
    size: { type: 'string' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '5' },
  },
})
const { benchSizes, benchIdentityCount, generateDocument, generateIdentities } = await import(
  pathToFileURL(values.generator).href
)
const size = benchSizes[Number(values.size)]
const seed = Number(values.seed)
const durationMs = Number(values.duration)
const rounds = Number(values.rounds)

const document = generateDocument({ seed, ...size, identityCount: benchIdentityCount })
const identities = generateIdentities({ seed, count: benchIdentityCount })
const directory = mkdtempSync(join(tmpdir(), 'vexil-bench-engine-'))
const path = join(directory, 'environment.json')
writeFileSync(path, JSON.stringify(document))
const bytes = readFileSync(path).length

const silent = () => {}
const logger = { error: silent, warn: silent, info: silent, debug: silent, trace: silent, fatal: silent }

// Both sides start from the same file: the official LocalFileHandler reads and parses it, so Vexil does too.
const createVexil = () => compileEnvironment(JSON.parse(readFileSync(path, 'utf8')))
const createOfficial = () => new Flagsmith({ offlineMode: true, offlineHandler: new LocalFileHandler(path), logger })

let sink = 0
const vexil = createVexil()
const official = createOfficial()
const featureName = document.feature_states[Math.floor(document.feature_states.length / 2)].feature.name

// Each side walks the 10,000 identities from where it stopped, so every identity is visited, not the first few.
const cursors = { vexil: 0, official: 0 }
const nextIdentity = (side) => identities[cursors[side]++ % identities.length]

const operations = {
  compile: {
    vexil: () => {
      sink ^= createVexil().featureNames.length
    },
    official: () => {
      sink ^= createOfficial().offlineMode ? 1 : 0
    },
  },
  identityFlags: {
    vexil: () => {
      const { identifier, traits } = nextIdentity('vexil')
      sink ^= vexil.getIdentityFlags(identifier, traits).segments.length
    },
    official: async () => {
      const { identifier, traits } = nextIdentity('official')
      sink ^= (await official.getIdentityFlags(identifier, traits)).allFlags().length
    },
  },
  identityFlag: {
    vexil: () => {
      const { identifier, traits } = nextIdentity('vexil')
      sink ^= vexil.getIdentityFlag(featureName, identifier, traits)?.enabled ? 1 : 0
    },
    official: async () => {
      const { identifier, traits } = nextIdentity('official')
      sink ^= (await official.getIdentityFlags(identifier, traits)).isFeatureEnabled(featureName) ? 1 : 0
    },
  },
  environmentFlags: {
    vexil: () => {
      sink ^= vexil.getEnvironmentFlags().segments.length
    },
    official: async () => {
      sink ^= (await official.getEnvironmentFlags()).allFlags().length
    },
  },
}

const throughput = await measureOperations(operations, { durationMs, rounds })

// Retained heap: hold `copies` independently parsed and compiled documents, each used once as an application would
// (Vexil builds its environment-flags cache lazily), and divide the growth of the collected heap by `copies`.
async function retainedBytesPerDocument(create, use) {
  // Enough copies that a large document's growth stands well above the heap's noise (a few hundred KiB).
  const copies = Math.min(200, Math.max(24, Math.round(8000 / size.features)))
  globalThis.gc()
  globalThis.gc()
  const before = process.memoryUsage().heapUsed
  const held = []
  for (let copy = 0; copy < copies; copy++) {
    const instance = create()
    await use(instance)
    held.push(instance)
  }
  globalThis.gc()
  globalThis.gc()
  const after = process.memoryUsage().heapUsed
  sink ^= held.length
  return (after - before) / copies
}

const { identifier, traits } = identities[0]
const heap = { vexil: [], official: [] }
for (let round = 0; round < 3; round++) {
  heap.vexil.push(
    await retainedBytesPerDocument(createVexil, (environment) => {
      environment.getEnvironmentFlags()
      environment.getIdentityFlags(identifier, traits)
    }),
  )
  heap.official.push(
    await retainedBytesPerDocument(createOfficial, async (client) => {
      await client.getEnvironmentFlags()
      await client.getIdentityFlags(identifier, traits)
    }),
  )
}

rmSync(directory, { recursive: true, force: true })
process.send(
  {
    size,
    bytes,
    throughput,
    heap: { vexil: median(heap.vexil), official: median(heap.official) },
    sink,
  },
  () => process.disconnect(),
)
