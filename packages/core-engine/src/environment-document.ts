import type { FlagValue } from './types'

/** A feature as it appears in an environment document. */
export interface DocumentFeature {
  id: number
  name: string
  type?: 'STANDARD' | 'MULTIVARIATE' | (string & {})
}

/** One multivariate allocation of a feature state. */
export interface DocumentMultivariateValue {
  id?: number | null
  mv_fs_value_uuid?: string
  percentage_allocation: number
  multivariate_feature_option: { id?: number; value: FlagValue }
}

/** A feature state: an environment default, a segment override or an identity override. */
export interface DocumentFeatureState {
  id?: number | null
  django_id?: number | null
  featurestate_uuid?: string
  enabled: boolean
  feature: DocumentFeature
  feature_state_value: FlagValue
  feature_segment?: { priority?: number | null } | null
  multivariate_feature_state_values?: DocumentMultivariateValue[]
}

/** A condition of a segment rule; note Flagsmith's `property_` spelling. */
export interface DocumentCondition {
  operator: string
  property_?: string | null
  value?: string | null
}

/** A segment rule in an environment document. */
export interface DocumentRule {
  type: 'ALL' | 'ANY' | 'NONE'
  conditions?: DocumentCondition[]
  rules?: DocumentRule[]
}

/** A segment in an environment document. */
export interface DocumentSegment {
  id: number
  name: string
  rules: DocumentRule[]
  feature_states?: DocumentFeatureState[]
}

/** An identity with its own feature states. */
export interface DocumentIdentityOverride {
  identifier: string
  identity_uuid?: string
  environment_api_key?: string
  identity_features?: DocumentFeatureState[]
}

/** The environment document that Flagsmith serves to server-side keys, as parsed JSON. */
export interface EnvironmentDocument {
  id?: number
  api_key: string
  name?: string
  updated_at?: string | null
  feature_states: DocumentFeatureState[]
  project: {
    id?: number
    name?: string
    hide_disabled_flags?: boolean | null
    segments?: DocumentSegment[]
    organisation?: Record<string, unknown>
  }
  identity_overrides?: DocumentIdentityOverride[]
  segment_overrides?: unknown[]
}
