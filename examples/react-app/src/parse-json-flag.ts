import type { FlagValue } from '@vexil/browser-sdk'

/**
 * Parses a remote-config flag whose value is a JSON object in a string (Flagsmith stores JSON config that way).
 * Returns `undefined` for anything else, so a bad edit in the dashboard degrades to the component's defaults.
 */
export function parseJsonFlag(value: FlagValue): Record<string, unknown> | undefined {
  if (typeof value !== 'string') return undefined
  try {
    const parsed: unknown = JSON.parse(value)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
