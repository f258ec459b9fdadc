// `npm start`: the demo. For now: evaluates the demo environment document in-process.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const run = (script) => spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' })
process.exitCode = run('./node-local/index.mjs').status ?? 1
