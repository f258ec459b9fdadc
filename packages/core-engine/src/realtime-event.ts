import { isJsonObject } from './json-shape'

/**
 * Reads `updated_at` (epoch seconds) from the data of a realtime `environment_updated` event.
 * Returns `undefined` when the data cannot be understood: callers then refetch, as the protocol asks.
 */
export function parseRealtimeEvent(data: string): number | undefined {
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return undefined
  }
  if (!isJsonObject(json)) return undefined
  const updatedAt = json.updated_at
  return typeof updatedAt === 'number' && Number.isFinite(updatedAt) ? updatedAt : undefined
}
