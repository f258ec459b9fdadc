import type { ApiTrait, TraitValue } from '@vexil/core-engine'

/**
 * The traits that identities stored through `POST identities/`, kept in memory for the most recently used
 * identities only: the proxy does not persist identities, but a later request for the same identity should see its
 * stored traits, as it would against Flagsmith.
 */
export class IdentityTraitStore {
  // A Map iterates in insertion order; re-inserting on access makes the first key the least recently used.
  #identities = new Map<string, Map<string, TraitValue>>()
  #maxIdentities: number

  constructor(options: { maxIdentities: number }) {
    this.#maxIdentities = options.maxIdentities
  }

  /** How many identities have stored traits. */
  get size(): number {
    return this.#identities.size
  }

  /** The stored traits of `identifier`, marking it recently used. */
  get(identifier: string): ReadonlyMap<string, TraitValue> | undefined {
    const traits = this.#identities.get(identifier)
    if (traits) {
      this.#identities.delete(identifier)
      this.#identities.set(identifier, traits)
    }
    return traits
  }

  /**
   * Stores the non-transient traits of a request: a value replaces the stored one, `null` deletes it. The caller
   * leaves out transient identities.
   */
  update(identifier: string, traits: readonly ApiTrait[]): void {
    if (this.#maxIdentities <= 0) return
    const stored = new Map(this.get(identifier))
    for (const trait of traits) {
      if (trait.transient) continue
      if (trait.trait_value === null) stored.delete(trait.trait_key)
      else stored.set(trait.trait_key, trait.trait_value)
    }
    this.#identities.delete(identifier)
    this.#identities.set(identifier, stored)
    while (this.#identities.size > this.#maxIdentities) {
      const oldest = this.#identities.keys().next().value
      if (oldest === undefined) break
      this.#identities.delete(oldest)
    }
  }

  /** Forgets every identity, e.g. when the proxy starts serving another environment. */
  clear(): void {
    this.#identities.clear()
  }
}
