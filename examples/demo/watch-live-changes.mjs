import { diffSamples, fetchSamples } from './sample-users.mjs'

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Narrates how each document version the proxy starts serving reaches the app: asks the app about the sample users
 * until its answers differ from the last ones printed (the app learns of the change over SSE, not at once), then
 * prints what changed and how long it took. Gives up on a version after `settleMs`: the edit may not affect these
 * users. Returns the function that stops watching.
 */
export function watchLiveChanges({ proxy, appUrl, initial, print = console.log, settleMs = 3000 }) {
  let last = initial
  let queue = Promise.resolve()
  let isStopped = false

  const follow = async (servedAt) => {
    let changes = []
    while (!isStopped && changes.length === 0 && performance.now() - servedAt < settleMs) {
      await sleep(20)
      try {
        const now = await fetchSamples(appUrl)
        changes = diffSamples(last, now)
        if (changes.length > 0) last = now
      } catch {
        // The app is shutting down; the next answer or the deadline ends the wait.
      }
    }
    if (isStopped) return
    if (changes.length === 0) {
      print('  node-server answers the same for the sample users: the edit does not affect them.')
      return
    }
    print(`  node-server got it over SSE after ${Math.round(performance.now() - servedAt)} ms:`)
    for (const change of changes) print(`    ${change}`)
  }

  const unsubscribe = proxy.subscribe(({ environment }) => {
    const servedAt = performance.now()
    print(`\nedge proxy: serving a new version of "${environment.name}" (${environment.featureNames.length} flags)`)
    queue = queue.then(() => follow(servedAt))
  })
  return () => {
    isStopped = true
    unsubscribe()
  }
}
