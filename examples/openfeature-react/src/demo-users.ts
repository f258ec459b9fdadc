import type { EvaluationContext } from '@openfeature/web-sdk'

/** A visitor the page can switch to, with the evaluation context that stands for them. */
export interface DemoUser {
  label: string
  context: EvaluationContext
}

/**
 * Who the demo can evaluate flags for: each lands in a different part of the demo environment. Attributes other than
 * `targetingKey` become Flagsmith traits (`signedUpAt` as an ISO string).
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { label: 'anonymous', context: {} },
  { label: 'alice (free)', context: { targetingKey: 'alice', plan: 'free' } },
  { label: 'bob (pro)', context: { targetingKey: 'bob', plan: 'pro', signedUpAt: new Date('2024-03-01') } },
  { label: 'carol (beta tester)', context: { targetingKey: 'carol', email: 'carol@acme.io' } },
  { label: 'vip-customer-42 (identity override)', context: { targetingKey: 'vip-customer-42' } },
]
