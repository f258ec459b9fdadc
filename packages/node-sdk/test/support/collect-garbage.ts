import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// Vitest workers run without --expose-gc; the flag set at runtime exposes `gc` to contexts created after it.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Runs full garbage collections, letting pending promise jobs and timers settle in between. */
export async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0))
    gc()
  }
}
