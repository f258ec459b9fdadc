import packageJson from '../package.json'
import { createEdgeProxy, type EdgeProxy } from './create-edge-proxy'
import type { EdgeProxyLogger } from './edge-proxy-logger'
import { CLI_USAGE, parseCliArgs } from './parse-cli-args'

/** Where the CLI writes: standard output and standard error, one line per call. */
export interface CliOutput {
  out(line: string): void
  err(line: string): void
}

/** How a CLI run ends: at once with an exit code, or with a running proxy that the caller stops. */
export type CliOutcome = { exitCode: number } | { proxy: EdgeProxy }

const consoleOutput: CliOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}

function createCliLogger(output: CliOutput): EdgeProxyLogger {
  const stamp = () => new Date().toISOString()
  // The CLI is an application: unlike the library default, it reports document reloads too.
  return {
    info: (message) => output.out(`${stamp()} ${message}`),
    warn: (message) => output.err(`${stamp()} warning: ${message}`),
    error: (message, cause) => {
      const detail = cause instanceof Error ? (cause.stack ?? cause.message) : cause
      output.err(`${stamp()} error: ${message}${detail === undefined ? '' : ` ${String(detail)}`}`)
    },
  }
}

/**
 * Runs `vexil-edge` with `args` (without the node and script paths). Resolves with exit code 0 for `--help` and
 * `--version`, 2 for bad arguments and 1 when the proxy cannot start (unreadable or invalid document, port in use),
 * each with a message on `output`; otherwise with the running proxy. Never rejects.
 */
export async function runCli(args: readonly string[], output: CliOutput = consoleOutput): Promise<CliOutcome> {
  const command = parseCliArgs(args)
  switch (command.kind) {
    case 'help':
      output.out(CLI_USAGE.trimEnd())
      return { exitCode: 0 }
    case 'version':
      output.out(packageJson.version)
      return { exitCode: 0 }
    case 'error':
      output.err(`vexil-edge: ${command.message}\n\n${CLI_USAGE.trimEnd()}`)
      return { exitCode: 2 }
  }
  let proxy: EdgeProxy
  try {
    proxy = await createEdgeProxy({ ...command.options, logger: createCliLogger(output) })
  } catch (error) {
    output.err(`vexil-edge: ${error instanceof Error ? error.message : String(error)}`)
    return { exitCode: 1 }
  }
  const source = command.options.document ?? command.options.upstream?.apiUrl
  output.out(`vexil-edge ${packageJson.version} serving ${source} at ${proxy.url} (SDK apiUrl: ${proxy.apiUrl})`)
  return { proxy }
}
