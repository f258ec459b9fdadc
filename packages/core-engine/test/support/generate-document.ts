import type {
  DocumentCondition,
  DocumentFeatureState,
  DocumentIdentityOverride,
  DocumentMultivariateValue,
  DocumentRule,
  DocumentSegment,
  EnvironmentDocument,
} from '../../src/environment-document'
import type { FlagValue, Traits } from '../../src/types'

// Seeded generator of realistic Flagsmith environment documents and identities, shared by the differential test
// and the benchmark (which transpiles this file, so it must stay self-contained: type-only imports).
//
// It deliberately avoids inputs on which flagsmith-nodejs (the official TypeScript port) and the Python reference
// engine disagree, so that any difference the differential test reports is a Vexil bug:
// - REGEX patterns start with `^` or `.*` (Python anchors at the start, the TypeScript port searches anywhere).
// - No trait named like an Object.prototype member (the port reads inherited properties).
// - Trait strings never look numeric (Python turns "42" into 42 before comparing; the port compares strings).
// - Integer traits are never 0 and strings never empty (the port's IN rejects falsy values); integer traits are
//   only compared with integer operands (Python's int("40.5") fails, the port's parseFloat does not) and float
//   traits always have a fractional part (a JavaScript 40.0 is an integer to Vexil).
// - No REGEX on booleans (Python prints True, JavaScript true); IN on numbers only via comma lists (the port's
//   JSON branch compares numbers with strings); no MODULO on negative numbers (Python's % floors).
// - PERCENTAGE_SPLIT reads the identity key or a `$.` path, never a plain trait (the port only resolves `$.` paths).
// - Semver conditions only on valid semver traits, without build metadata, and not with CONTAINS.
// - Every feature state has `django_id` (the port ignores `id` when choosing the hashing key).
// - Identity overrides carry no multivariate values (Flagsmith never creates them) and identifiers have no comma.

/** A deterministic pseudo-random source (mulberry32): the same seed always yields the same documents. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
}

/** Creates a {@link Random} from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
    chance: (probability) => next() < probability,
  }
}

/** Every operator Flagsmith defines; each generated document set uses all of them. */
export const conditionOperators = [
  'EQUAL',
  'NOT_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_INCLUSIVE',
  'LESS_THAN',
  'LESS_THAN_INCLUSIVE',
  'CONTAINS',
  'NOT_CONTAINS',
  'REGEX',
  'PERCENTAGE_SPLIT',
  'MODULO',
  'IS_SET',
  'IS_NOT_SET',
  'IN',
] as const

/** The document sizes the benchmark compares; each is evaluated for {@link benchIdentityCount} identities. */
export const benchSizes = [
  { features: 20, segments: 5, identityOverrides: 10 },
  { features: 200, segments: 50, identityOverrides: 100 },
  { features: 2000, segments: 300, identityOverrides: 500 },
] as const

/** How many distinct identities the benchmark rotates through. */
export const benchIdentityCount = 10_000

/** Options of {@link generateDocument}. */
export interface GenerateDocumentOptions {
  seed: number
  features: number
  segments: number
  /** Identities with their own overrides, chosen among the first `identityCount` identifiers. @defaultValue 0 */
  identityOverrides?: number
  /** @defaultValue 1000 */
  identityCount?: number
  /** @defaultValue false */
  hideDisabledFlags?: boolean
}

/** An identity to evaluate: identifier plus traits. */
export interface GeneratedIdentity {
  identifier: string
  traits: Traits
}

const plans = ['free', 'starter', 'pro', 'enterprise'] as const
const countries = ['GB', 'US', 'FR', 'DE', 'IN', 'BR', 'JP', 'NG'] as const
const devices = ['ios', 'android', 'web', 'desktop'] as const
const languages = ['en-GB', 'en-US', 'fr-FR', 'de-DE', 'pt-BR', 'ja-JP'] as const
const domains = ['gmail.com', 'acme.io', 'example.org', 'bigcorp.com'] as const
const names = ['ada', 'alan', 'grace', 'linus', 'margaret', 'ken', 'barbara', 'dennis'] as const
const companies = ['Acme', 'Globex', 'Initech', 'Umbrella'] as const
const environmentNames = ['Production', 'Staging', 'Development'] as const
const words = ['new', 'checkout', 'dashboard', 'search', 'export', 'banner', 'pricing', 'onboarding', 'ai', 'beta']
const stringValues = ['blue', 'green', 'compact', 'sidebar-left', 'v2', 'gpt-4o-mini', 'Welcome back!', 'none']

/** The identifier of the identity at `index`; identity overrides and {@link generateIdentities} agree on it. */
export function identifierFor(index: number): string {
  return index % 4 === 0 ? `${names[index % names.length]}.${index.toString(36)}@example.com` : `user-${index}`
}

function semver(random: Random): string {
  const core = `${random.int(1, 4)}.${random.int(0, 12)}.${random.int(0, 20)}`
  return random.chance(0.1) ? `${core}-${random.pick(['beta', 'rc'])}.${random.int(1, 5)}` : core
}

function score(random: Random): number {
  return random.int(0, 99) + random.pick([0.25, 0.5, 0.75])
}

/** Generates `count` identities with realistic traits; identity `i` is {@link identifierFor}(i). */
export function generateIdentities(options: { seed: number; count: number }): GeneratedIdentity[] {
  const random = createRandom(options.seed ^ 0x5bd1e995)
  const identities: GeneratedIdentity[] = []
  for (let index = 0; index < options.count; index++) {
    const name = random.pick(names)
    const candidates: Traits = {
      plan: random.pick(plans),
      age: random.int(13, 90),
      country: random.pick(countries),
      email: `${name}.${random.pick(names)}@${random.pick(domains)}`,
      app_version: semver(random),
      beta: random.chance(0.2),
      logins: random.int(1, 5000),
      score: score(random),
      device: random.pick(devices),
      language: random.pick(languages),
      signup_date: `20${random.int(19, 25)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
      company: random.chance(0.2) ? null : random.pick(companies),
    }
    const traits: Traits = {}
    for (const [key, value] of Object.entries(candidates)) {
      if (random.chance(0.85)) traits[key] = random.chance(0.03) ? null : value
    }
    identities.push({ identifier: identifierFor(index), traits })
  }
  return identities
}

function condition(operator: string, property: string | null, value: string | null): DocumentCondition {
  return { operator, property_: property, value }
}

const comparisons = ['GREATER_THAN', 'GREATER_THAN_INCLUSIVE', 'LESS_THAN', 'LESS_THAN_INCLUSIVE'] as const

function stringCondition(random: Random): DocumentCondition {
  switch (random.int(0, 9)) {
    case 0:
      return condition(random.pick(['EQUAL', 'NOT_EQUAL']), 'plan', random.pick(plans))
    case 1:
      return condition(random.pick(['CONTAINS', 'NOT_CONTAINS']), 'email', `@${random.pick(domains)}`)
    case 2:
      return condition('CONTAINS', 'language', random.pick(['en', 'BR', '-']))
    case 3:
      return condition('REGEX', 'email', random.pick(['^[a-g]', '.*@acme\\.io$', '^(ada|grace)\\.', '.*\\.org$']))
    case 4:
      return condition('REGEX', 'language', random.pick(['^en-', '^(fr|de)-[A-Z]{2}$', '.*-BR']))
    case 5:
      return random.chance(0.5)
        ? condition('IN', 'country', [random.pick(countries), random.pick(countries), random.pick(countries)].join(','))
        : condition('IN', 'plan', JSON.stringify([random.pick(plans), random.pick(plans)]))
    case 6:
      return condition(
        random.pick(comparisons),
        random.pick(['country', 'signup_date']),
        random.pick(['FR', '2022-06']),
      )
    case 7:
      return condition(random.pick(['IS_SET', 'IS_NOT_SET']), random.pick(['company', 'device', 'referral_code']), null)
    case 8:
      return condition(random.pick(['EQUAL', 'NOT_EQUAL', 'IN']), 'device', random.pick(['ios', 'web', 'ios,android']))
    default:
      return condition('EQUAL', 'company', random.pick(companies))
  }
}

function numberCondition(random: Random): DocumentCondition {
  const property = random.pick(['age', 'logins'])
  const operand = property === 'age' ? random.int(16, 65) : random.int(10, 3000)
  switch (random.int(0, 6)) {
    case 0:
      return condition(random.pick(['EQUAL', 'NOT_EQUAL']), 'age', String(random.int(18, 40)))
    case 1:
      return condition('MODULO', property, `${random.int(2, 10)}|${random.int(0, 1)}`)
    case 2:
      return condition('MODULO', 'score', random.pick(['2.5|0.5', '10|2.25', '0.5|0.25']))
    case 3:
      return condition('IN', 'age', [random.int(18, 40), random.int(18, 40), random.int(41, 70)].join(','))
    case 4:
      return condition('REGEX', 'age', random.pick(['^[1-3][0-9]$', '^[2-4]', '.*5$']))
    case 5:
      return condition(random.pick(comparisons), 'score', random.pick(['25', '50.5', '75.25', '99']))
    default:
      return condition(random.pick(comparisons), property, String(operand))
  }
}

function otherCondition(random: Random, environmentName: string): DocumentCondition {
  switch (random.int(0, 7)) {
    case 0:
      return condition(random.pick(['EQUAL', 'NOT_EQUAL']), 'beta', random.pick(['true', 'false', 'True', 'False']))
    case 1:
    case 2:
      return condition(
        [...comparisons, 'EQUAL', 'NOT_EQUAL'][random.int(0, 5)]!,
        'app_version',
        `${semver(random)}:semver`,
      )
    case 3:
      return condition('PERCENTAGE_SPLIT', null, random.pick(['10', '25', '50', '75.5', '90']))
    case 4:
      return condition('PERCENTAGE_SPLIT', random.pick(['$.identity.identifier', '$.identity.key']), '50')
    case 5:
      return random.chance(0.6)
        ? condition('REGEX', '$.identity.identifier', random.pick(['^user-1', '.*@example\\.com$']))
        : condition(random.pick(['IN', 'EQUAL']), '$.identity.identifier', random.pick(['user-3', 'user-5,user-7']))
    case 6:
      return condition('EQUAL', '$.environment.name', random.chance(0.5) ? environmentName : 'Staging')
    default:
      return condition(random.pick(['EQUAL', 'NOT_EQUAL']), '$.identity.traits.plan', random.pick(plans))
  }
}

function randomCondition(random: Random, environmentName: string): DocumentCondition {
  const roll = random.next()
  if (roll < 0.4) return stringCondition(random)
  if (roll < 0.7) return numberCondition(random)
  return otherCondition(random, environmentName)
}

function randomRule(random: Random, environmentName: string, depth: number): DocumentRule {
  const type = random.pick(['ALL', 'ALL', 'ANY', 'ANY', 'NONE'] as const)
  const ruleCount = depth < 2 && random.chance(0.5) ? random.int(1, 2) : 0
  const conditionCount = random.int(ruleCount === 0 ? 1 : 0, 3)
  return {
    type,
    conditions: Array.from({ length: conditionCount }, () => randomCondition(random, environmentName)),
    rules: Array.from({ length: ruleCount }, () => randomRule(random, environmentName, depth + 1)),
  }
}

type FeatureKind = 'toggle' | 'string' | 'number' | 'boolean' | 'json'

function randomValue(random: Random, kind: FeatureKind): FlagValue {
  switch (kind) {
    case 'toggle':
      return null
    case 'string':
      return random.pick(stringValues)
    case 'number':
      return random.chance(0.8) ? random.int(0, 1000) : random.int(1, 99) / 4
    case 'boolean':
      return random.chance(0.5)
    case 'json':
      return JSON.stringify({
        max_file_size_mb: random.int(1, 50),
        allowed_types: ['pdf', 'csv'].slice(random.int(0, 1)),
      })
  }
}

/** Generates a realistic environment document; the same options always give the same document. */
export function generateDocument(options: GenerateDocumentOptions): EnvironmentDocument {
  const random = createRandom(options.seed)
  const identityCount = options.identityCount ?? 1000
  let nextId = random.int(1, 50_000)
  const id = () => nextId++
  const uuid = () => Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('')
  const dashed = (hex: string) => hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')
  const environmentName = random.pick(environmentNames)

  const variants = (kind: FeatureKind): DocumentMultivariateValue[] => {
    const count = random.int(1, 3)
    const weights = random.pick([[50, 50], [30, 30, 40], [33.3, 33.3, 33.4], [10, 20, 25], [100], [0, 60]])
    return Array.from({ length: Math.min(count, weights.length) }, (_, index) => {
      // Flagsmith orders variants by id, or by the uuid as a 128-bit integer when the id is missing.
      const withId = random.chance(0.9)
      return {
        ...(withId ? { id: id() } : {}),
        mv_fs_value_uuid: dashed(uuid()),
        percentage_allocation: weights[index]!,
        multivariate_feature_option: { id: id(), value: randomValue(random, kind) },
      }
    })
  }

  const features = Array.from({ length: options.features }, (_, index) => {
    const kind = random.pick(['toggle', 'toggle', 'string', 'number', 'boolean', 'json'] as const)
    const isMultivariate = (kind === 'string' || kind === 'number') && random.chance(0.4)
    const name = `${random.pick(words)}_${random.pick(words)}_${index}`
    return { id: index + 1, name, kind, isMultivariate, type: isMultivariate ? 'MULTIVARIATE' : 'STANDARD' }
  })

  const featureState = (
    feature: (typeof features)[number],
    extra: Partial<DocumentFeatureState> = {},
  ): DocumentFeatureState => {
    const stateId = id()
    return {
      id: stateId,
      django_id: stateId,
      featurestate_uuid: dashed(uuid()),
      enabled: random.chance(0.7),
      feature: { id: feature.id, name: feature.name, type: feature.type },
      feature_state_value: randomValue(random, feature.kind),
      feature_segment: null,
      multivariate_feature_state_values: feature.isMultivariate ? variants(feature.kind) : [],
      ...extra,
    }
  }

  const segmentBase = random.int(100, 90_000)
  const segments: DocumentSegment[] = Array.from({ length: options.segments }, (_, index) => {
    const overridden = new Set(Array.from({ length: random.int(0, 4) }, () => random.int(0, features.length - 1)))
    return {
      id: segmentBase + index,
      name: `${random.pick(['beta_testers', 'pro_users', 'emea', 'power_users', 'mobile', 'rollout'])}_${index}`,
      rules: Array.from({ length: random.int(1, 2) }, () => randomRule(random, environmentName, 0)),
      feature_states: [...overridden].map((featureIndex) => {
        const feature = features[featureIndex]!
        const priority = random.chance(0.05) ? null : { priority: random.int(0, options.segments) }
        return featureState(feature, {
          feature_segment: priority,
          multivariate_feature_state_values: feature.isMultivariate && random.chance(0.5) ? variants(feature.kind) : [],
        })
      }),
    }
  })

  const identityOverrides: DocumentIdentityOverride[] = []
  const overridden = new Set<number>()
  for (
    let attempt = 0;
    identityOverrides.length < (options.identityOverrides ?? 0) && attempt < identityCount;
    attempt++
  ) {
    const index = random.int(0, identityCount - 1)
    if (overridden.has(index)) continue
    overridden.add(index)
    const previous = identityOverrides.length > 0 && random.chance(0.3) ? random.pick(identityOverrides) : undefined
    const picked = new Set(Array.from({ length: random.int(1, 3) }, () => random.int(0, features.length - 1)))
    identityOverrides.push({
      identifier: identifierFor(index),
      identity_uuid: dashed(uuid()),
      identity_features:
        previous?.identity_features ??
        [...picked].map((featureIndex) => {
          const { django_id: _, ...state } = featureState(features[featureIndex]!)
          return { ...state, multivariate_feature_state_values: [] }
        }),
    })
  }

  const apiKey = Array.from({ length: 22 }, () =>
    random.pick([...'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789']),
  ).join('')
  return {
    id: random.int(1, 10_000),
    api_key: apiKey,
    name: environmentName,
    updated_at: new Date(Date.UTC(2025, 0, 1) + random.int(0, 10_000_000) * 1000).toISOString(),
    feature_states: features.map((feature) => featureState(feature)),
    project: {
      id: random.int(1, 10_000),
      name: 'Generated project',
      hide_disabled_flags: options.hideDisabledFlags ?? false,
      organisation: {
        id: 1,
        name: 'Org',
        feature_analytics: false,
        persist_trait_data: true,
        stop_serving_flags: false,
      },
      segments,
    },
    identity_overrides: identityOverrides.map((override) => ({ ...override, environment_api_key: apiKey })),
    segment_overrides: [],
  }
}
