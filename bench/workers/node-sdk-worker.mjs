import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { Flagsmith, LocalFileHandler } from '@vexil/node-sdk'
import { Flagsmith as OfficialFlagsmith, LocalFileHandler as OfficialLocalFileHandler } from 'flagsmith-nodejs'
import { measureOperations } from '../measure-throughput.mjs'

// The two SDK clients, not just the engines, in a process of their own (started by suites/node-sdk.mjs): the same
// document file in offline mode (local evaluation without a network), the same identities, alternating rounds.

const { values } = parseArgs({
  options: {
    generator: { type: 'string' },
    seed: { type: 'string', default: '1' },
    features: { type: 'string', default: '200' },
    segments: { type: 'string', default: '50' },
    duration: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '5' },
  },
})
const { benchIdentityCount, generateDocument, generateIdentities } = await import(pathToFileURL(values.generator).href)
const seed = Number(values.seed)
const durationMs = Number(values.duration)
const rounds = Number(values.rounds)
const size = { features: Number(values.features), segments: Number(values.segments), identityOverrides: 100 }

const document = generateDocument({ seed, ...size, identityCount: benchIdentityCount })
const identities = generateIdentities({ seed, count: benchIdentityCount })
const directory = mkdtempSync(join(tmpdir(), 'vexil-bench-node-sdk-'))
const path = join(directory, 'environment.json')
writeFileSync(path, JSON.stringify(document))

const silent = () => {}
const logger = { error: silent, warn: silent, info: silent, debug: silent, trace: silent, fatal: silent }
const vexil = new Flagsmith({ offlineMode: true, offlineHandler: new LocalFileHandler(path), logger })
const official = new OfficialFlagsmith({
  offlineMode: true,
  offlineHandler: new OfficialLocalFileHandler(path),
  logger,
})
const featureName = document.feature_states[Math.floor(document.feature_states.length / 2)].feature.name

let sink = 0
// Each side walks the 10,000 identities from where it stopped, so every identity is visited, not the first few.
const cursors = { vexil: 0, official: 0 }
const nextIdentity = (side) => identities[cursors[side]++ % identities.length]
const officialIdentityFlag = async () => {
  const { identifier, traits } = nextIdentity('official')
  sink ^= (await official.getIdentityFlags(identifier, traits)).isFeatureEnabled(featureName) ? 1 : 0
}

const operations = {
  identityFlags: {
    vexil: async () => {
      const { identifier, traits } = nextIdentity('vexil')
      sink ^= (await vexil.getIdentityFlags(identifier, traits)).isFeatureEnabled(featureName) ? 1 : 0
    },
    official: officialIdentityFlag,
  },
  identityFlagsSync: {
    vexil: () => {
      const { identifier, traits } = nextIdentity('vexil')
      sink ^= vexil.getIdentityFlagsSync(identifier, traits).isFeatureEnabled(featureName) ? 1 : 0
    },
    official: officialIdentityFlag,
  },
  environmentFlags: {
    vexil: async () => {
      sink ^= (await vexil.getEnvironmentFlags()).isFeatureEnabled(featureName) ? 1 : 0
    },
    official: async () => {
      sink ^= (await official.getEnvironmentFlags()).isFeatureEnabled(featureName) ? 1 : 0
    },
  },
}

const throughput = await measureOperations(operations, { durationMs, rounds })

await Promise.all([vexil.close(), official.close()])
rmSync(directory, { recursive: true, force: true })
process.send({ size, throughput, sink }, () => process.disconnect())
