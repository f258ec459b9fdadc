import { fork } from 'node:child_process'

/**
 * Runs a benchmark worker in its own Node process (with `--expose-gc`, so heaps of different sizes and libraries
 * never mix) and resolves with the one message it sends. Rejects if the worker exits without sending one.
 */
export function forkWorker(script, args) {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    let result
    child.once('message', (message) => {
      result = message
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      if (result !== undefined) resolve(result)
      else reject(new Error(`${script} ${args.join(' ')} exited with code ${code} without a result`))
    })
  })
}
