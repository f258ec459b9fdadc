import { compileEnvironment, type Traits, toApiFlags } from '@vexil/core-engine'
import { fixtureDocument } from './fixture'

/** The `flags/` answer for the fixture environment, as the Flagsmith API shapes it. */
export function environmentFlagsResponse() {
  const environment = compileEnvironment(fixtureDocument())
  return toApiFlags(environment.getEnvironmentFlags().flags)
}

/** The `identities/` answer for an identity of the fixture environment. */
export function identityResponse(identifier: string, traits: Traits = {}) {
  const environment = compileEnvironment(fixtureDocument())
  return {
    identifier,
    traits: Object.entries(traits).map(([trait_key, trait_value]) => ({ trait_key, trait_value })),
    flags: toApiFlags(environment.getIdentityFlags(identifier, traits).flags),
  }
}
