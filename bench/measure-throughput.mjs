/**
 * Runs `operation(i)` repeatedly for about `durationMs` and returns operations per second. `operation` may return a
 * promise (awaited before the next call, as an application awaiting each read would). The clock is read once per
 * batch so that very cheap operations are not dominated by `performance.now()`.
 */
export async function measureThroughput(operation, { durationMs }) {
  let batch = 1
  let count = 0
  const started = performance.now()
  let elapsed = 0
  while (elapsed < durationMs) {
    for (let i = 0; i < batch; i++) {
      const result = operation(count + i)
      if (result instanceof Promise) await result
    }
    count += batch
    elapsed = performance.now() - started
    // Grow batches geometrically, but keep each one under a twentieth of the run so the run ends on time.
    batch = Math.max(1, Math.min(batch * 2, Math.floor((durationMs / 20) * (count / elapsed))))
  }
  return (count / elapsed) * 1000
}

/**
 * Measures `vexil` and `official` in alternating rounds (Vexil, official, Vexil, …) so that both see the same
 * machine conditions on a shared host, and returns the median of each side. Each round starts from a collected heap
 * (workers run with `--expose-gc`), so neither side pays for collecting the other's garbage.
 */
export async function alternate({ rounds, vexil, official }) {
  const results = { vexil: [], official: [] }
  for (let round = 0; round < rounds; round++) {
    globalThis.gc?.()
    results.vexil.push(await vexil())
    globalThis.gc?.()
    results.official.push(await official())
  }
  return { vexil: median(results.vexil), official: median(results.official) }
}

/** The median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * Measures every operation of `operations` (name → `{ vexil, official }`), each side warmed up for a round first,
 * then in alternating rounds; returns name → `{ vexil, official }` median ops/s.
 */
export async function measureOperations(operations, { durationMs, rounds }) {
  const throughput = {}
  for (const [name, sides] of Object.entries(operations)) {
    // One unmeasured round per side lets the JIT settle first: on a busy two-core machine, a quarter of a round left
    // both sides' first measured round still climbing.
    await measureThroughput(sides.vexil, { durationMs })
    await measureThroughput(sides.official, { durationMs })
    throughput[name] = await alternate({
      rounds,
      vexil: () => measureThroughput(sides.vexil, { durationMs }),
      official: () => measureThroughput(sides.official, { durationMs }),
    })
  }
  return throughput
}
