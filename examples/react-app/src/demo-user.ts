import type { Traits } from '@vexil/browser-sdk'

/** Plans the demo's `pro_plan` segment distinguishes. */
export const PLANS = ['free', 'pro'] as const

/** The signed-in shopper of the demo, as the identify form collects it. */
export interface DemoUser {
  identifier: string
  plan: (typeof PLANS)[number]
  isBetaTester: boolean
}

const STORAGE_KEY = 'acme-demo:user'

/** The traits the demo environment's segments match on (`plan`, `beta_tester`). */
export function toTraits(user: DemoUser): Traits {
  return { plan: user.plan, beta_tester: user.isBetaTester }
}

/**
 * Reads the user remembered from the last visit, as a real app knows who is signed in after a reload. Returns `null`
 * when there is none, storage is unavailable or the stored value is malformed.
 */
export function loadUser(storage: Storage | undefined): DemoUser | null {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null')
    if (typeof parsed !== 'object' || parsed === null) return null
    const { identifier, plan, isBetaTester } = parsed as Record<string, unknown>
    if (typeof identifier !== 'string' || identifier === '') return null
    return {
      identifier,
      plan: PLANS.find((known) => known === plan) ?? 'free',
      isBetaTester: isBetaTester === true,
    }
  } catch {
    return null
  }
}

/** Remembers the signed-in user, or forgets it when given `null`. Storage failures (quota, privacy mode) are ignored. */
export function saveUser(storage: Storage | undefined, user: DemoUser | null): void {
  try {
    if (user) storage?.setItem(STORAGE_KEY, JSON.stringify(user))
    else storage?.removeItem(STORAGE_KEY)
  } catch {
    // The demo still works without persistence; only the reload loses the signed-in user.
  }
}
