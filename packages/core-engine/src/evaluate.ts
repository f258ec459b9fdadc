import { identityKey } from './context-from-environment'
import { EvaluationModel } from './evaluation-model'
import type { EvaluationContext, EvaluationResult } from './types'

/**
 * Evaluates Flagsmith's evaluation context exactly as Flagsmith's engine does: segments in context order, overrides by
 * priority, multivariate splits by the identity key. To evaluate one environment many times, compile its document once
 * with {@link compileEnvironment} instead; both give the same results.
 *
 * @example
 * evaluate({ environment: { key: 'env', name: 'Production' }, features: { beta: { key: '1', name: 'beta', enabled: true, value: null } } })
 */
export function evaluate(context: EvaluationContext): EvaluationResult {
  const environment = context.environment
  const model = new EvaluationModel({
    features: Object.values(context.features ?? {}),
    // Note: JavaScript iterates integer-like keys ("16", "4267") in ascending order, whatever order they were written in.
    segments: Object.values(context.segments ?? {}),
    root: (member) =>
      Object.hasOwn(context, member) ? (context as unknown as Record<string, unknown>)[member] : undefined,
  })
  const identity = context.identity
  return model.evaluate(
    identity
      ? {
          identifier: identity.identifier,
          key: identity.key ?? identityKey(environment.key, identity.identifier),
          traits: identity.traits ?? {},
        }
      : undefined,
  )
}
