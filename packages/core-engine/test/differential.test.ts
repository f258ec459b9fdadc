import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileEnvironment, type EnvironmentDocument, type FlagResult, type SegmentResult } from '@vexil/core-engine'
import { Flagsmith, type FlagsmithConfig, LocalFileHandler } from 'flagsmith-nodejs'
import { afterAll, describe, expect, it } from 'vitest'
import type { DocumentRule } from '../src/environment-document'
import {
  conditionOperators,
  type GeneratedIdentity,
  generateDocument,
  generateIdentities,
} from './support/generate-document'

// Differential test of core-engine against the official flagsmith-nodejs local evaluation (offline mode), on seeded
// random documents and identities. The generator avoids inputs where the official TypeScript port knowingly departs
// from Flagsmith's Python engine (see support/generate-document.ts), so every difference reported here is ours.
// Reproduce or widen a run with DIFFERENTIAL_SEEDS, e.g. `DIFFERENTIAL_SEEDS=42,7` or `DIFFERENTIAL_SEEDS=random`.

const identitiesPerSeed = 500
const maxReported = 20

function seedsToRun(): number[] {
  const requested = process.env.DIFFERENTIAL_SEEDS
  if (!requested) return [1, 2, 3, 4, 5, 6, 7, 8]
  return requested.split(',').map((seed) => (seed.trim() === 'random' ? Date.now() % 2 ** 31 : Number(seed)))
}

function documentForSeed(seed: number): EnvironmentDocument {
  return generateDocument({
    seed,
    features: 20 + ((seed * 37) % 100),
    segments: 5 + ((seed * 13) % 30),
    identityOverrides: 25,
    identityCount: identitiesPerSeed,
    hideDisabledFlags: seed % 4 === 3,
  })
}

const directory = mkdtempSync(join(tmpdir(), 'vexil-differential-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const silent = () => {}
const silentLogger = { error: silent, warn: silent, info: silent, debug: silent, trace: silent, fatal: silent }

function createOfficialClient(document: EnvironmentDocument, name: string): Flagsmith {
  const path = join(directory, `${name}.json`)
  writeFileSync(path, JSON.stringify(document))
  return new Flagsmith({
    offlineMode: true,
    // Without it the official client refuses getIdentitySegments; offline mode never polls either way.
    enableLocalEvaluation: true,
    offlineHandler: new LocalFileHandler(path),
    logger: silentLogger as unknown as FlagsmithConfig['logger'],
  })
}

interface Outcome {
  enabled: boolean
  value: unknown
  reason?: string | undefined
}

interface Coverage {
  reasons: Map<string, number>
  segmentMatches: number
  identities: number
}

const coverage: Coverage = { reasons: new Map(), segmentMatches: 0, identities: 0 }

function describeOutcome(outcome: Outcome | undefined): string {
  return outcome ? JSON.stringify({ enabled: outcome.enabled, value: outcome.value, reason: outcome.reason }) : 'absent'
}

/** The feature's environment default as Vexil would serve it without segments. */
function defaultOf(document: EnvironmentDocument, name: string): FlagResult {
  const state = document.feature_states.find((fs) => fs.feature.name === name)!
  return { name, enabled: state.enabled, value: state.feature_state_value, reason: 'DEFAULT', variant: null }
}

/** Lists every flag whose enabled state, value or reason differs; official flags are filtered like Vexil's. */
function compareFlags(
  vexil: Record<string, FlagResult>,
  official: ReadonlyMap<string, Outcome>,
  hideDisabledFlags: boolean,
): string[] {
  const differences: string[] = []
  // flagsmith-nodejs ignores hide_disabled_flags in local evaluation; Flagsmith's API and Vexil omit them.
  const expected = new Map([...official].filter(([, outcome]) => !hideDisabledFlags || outcome.enabled))
  for (const name of new Set([...expected.keys(), ...Object.keys(vexil)])) {
    const ours = Object.hasOwn(vexil, name) ? vexil[name] : undefined
    const theirs = expected.get(name)
    const same =
      ours !== undefined &&
      theirs !== undefined &&
      ours.enabled === theirs.enabled &&
      Object.is(ours.value, theirs.value) &&
      ours.reason === theirs.reason
    if (!same) differences.push(`flag ${name}: vexil ${describeOutcome(ours)} ≠ official ${describeOutcome(theirs)}`)
  }
  return differences
}

function segmentKeys(segments: readonly SegmentResult[]): string[] {
  return segments.map((segment) => `${segment.name}#${String(segment.metadata?.id)}`)
}

async function officialOutcomes(client: Flagsmith, identity?: GeneratedIdentity): Promise<Map<string, Outcome>> {
  const flags = identity
    ? await client.getIdentityFlags(identity.identifier, identity.traits)
    : await client.getEnvironmentFlags()
  return new Map(flags.allFlags().map((flag) => [flag.featureName, flag]))
}

/**
 * Compiles `document`, evaluates every identity on both engines and returns a line per difference, naming seed,
 * identity and flag.
 */
async function findDifferences(
  seed: number,
  document: EnvironmentDocument,
  client: Flagsmith,
  identities: readonly GeneratedIdentity[],
): Promise<string[]> {
  const environment = compileEnvironment(structuredClone(document))
  const hideDisabledFlags = environment.hideDisabledFlags
  const report: string[] = []
  // Known divergence (spec/engine.md §8): Flagsmith's engine evaluates segments without an identity, so a segment
  // whose conditions hold for everyone (IS_NOT_SET, NONE, environment-only JSONPath) overrides environment flags; the
  // official TypeScript port skips segments there. Those flags are compared with the official identity-less default.
  const environmentFlags = environment.getEnvironmentFlags()
  const ownDefaults: Record<string, FlagResult> = {}
  for (const name of environment.featureNames) {
    const flag = environmentFlags.flags[name]
    const own = flag?.reason === 'DEFAULT' ? flag : defaultOf(document, name)
    if (!hideDisabledFlags || own.enabled) ownDefaults[name] = own
  }
  const environmentDifferences = compareFlags(ownDefaults, await officialOutcomes(client), hideDisabledFlags)
  report.push(...environmentDifferences.map((line) => `seed ${seed}: environment flags: ${line}`))

  for (const identity of identities) {
    if (report.length >= maxReported) break
    const label = `seed ${seed}: identity ${JSON.stringify(identity)}`
    const ours = environment.getIdentityFlags(identity.identifier, identity.traits)
    const theirs = await officialOutcomes(client, identity)
    report.push(...compareFlags(ours.flags, theirs, hideDisabledFlags).map((line) => `${label}: ${line}`))

    // The official client lists only the project's segments, not the synthetic identity-override ones.
    const officialSegments = await client.getIdentitySegments(identity.identifier, identity.traits)
    const expectedSegments = officialSegments.map((segment) => `${segment.name}#${segment.id}`)
    const actualSegments = segmentKeys(environment.getIdentitySegments(identity.identifier, identity.traits))
    if (actualSegments.join('|') !== expectedSegments.join('|')) {
      report.push(
        `${label}: segments: vexil [${actualSegments.join(', ')}] ≠ official [${expectedSegments.join(', ')}]`,
      )
    }

    coverage.identities++
    coverage.segmentMatches += expectedSegments.length
    for (const outcome of theirs.values()) {
      const reason = outcome.reason?.endsWith('=identity_overrides')
        ? outcome.reason
        : (outcome.reason ?? '').replace(/=.*$/, '=')
      coverage.reasons.set(reason, (coverage.reasons.get(reason) ?? 0) + 1)
    }
  }
  return report.slice(0, maxReported)
}

function operatorsOf(rules: readonly DocumentRule[], into: Set<string>): Set<string> {
  for (const rule of rules) {
    for (const condition of rule.conditions ?? []) into.add(condition.operator)
    operatorsOf(rule.rules ?? [], into)
  }
  return into
}

// Thousands of official async evaluations per seed: generous timeouts for a loaded two-core CI machine.
describe('core-engine against flagsmith-nodejs local evaluation', { timeout: 120_000 }, () => {
  it('generates documents that use every operator, nested rules and identity overrides', () => {
    const operators = new Set<string>()
    let nested = 0
    let identityOverrides = 0
    for (const seed of [1, 2, 3]) {
      const document = documentForSeed(seed)
      for (const segment of document.project.segments ?? []) {
        operatorsOf(segment.rules, operators)
        nested += segment.rules.filter((rule) => (rule.rules ?? []).length > 0).length
      }
      identityOverrides += document.identity_overrides?.length ?? 0
    }
    expect([...operators].sort()).toEqual([...conditionOperators].sort())
    expect(nested).toBeGreaterThan(0)
    expect(identityOverrides).toBeGreaterThan(0)
  })

  it('reports the seed, the identity and the flag when the engines disagree', async () => {
    const seed = 1
    const document = documentForSeed(seed)
    const altered = structuredClone(document)
    const first = altered.feature_states[0]!
    first.enabled = !first.enabled
    first.feature_state_value = 'altered for the test'
    const report = await findDifferences(
      seed,
      altered,
      createOfficialClient(document, 'altered'),
      generateIdentities({ seed, count: 5 }),
    )
    expect(report.length).toBeGreaterThan(0)
    expect(report[0]).toContain('seed 1: ')
    expect(report.join('\n')).toMatch(new RegExp(`identity \\{"identifier":.*flag ${first.feature.name}: vexil`))
  })

  for (const seed of seedsToRun()) {
    it(`gives the same flags and segments for ${identitiesPerSeed} identities (seed ${seed})`, async () => {
      const document = documentForSeed(seed)
      const client = createOfficialClient(document, `seed-${seed}`)
      const identities = generateIdentities({ seed, count: identitiesPerSeed })
      const report = await findDifferences(seed, document, client, identities)
      await client.close()
      expect(report, `differences for seed ${seed} (rerun with DIFFERENTIAL_SEEDS=${seed})`).toEqual([])
    })
  }

  it('exercised segment overrides, multivariate splits and identity overrides along the way', () => {
    expect(coverage.identities).toBeGreaterThanOrEqual(identitiesPerSeed)
    expect(coverage.segmentMatches).toBeGreaterThan(0)
    expect(coverage.reasons.get('SPLIT; weight=')).toBeGreaterThan(0)
    expect(coverage.reasons.get('TARGETING_MATCH; segment=')).toBeGreaterThan(0)
    expect(coverage.reasons.get('TARGETING_MATCH; segment=identity_overrides')).toBeGreaterThan(0)
    expect(coverage.reasons.get('DEFAULT')).toBeGreaterThan(0)
  })
})
