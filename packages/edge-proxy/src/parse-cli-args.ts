import { parseArgs } from 'node:util'
import type { EdgeProxyOptions } from './create-edge-proxy'

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'run'; options: EdgeProxyOptions }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string }

/** The text of `vexil-edge --help`. */
export const CLI_USAGE = `Usage: vexil-edge (--document <file> | --upstream <apiUrl> --server-key <ser.key>) [options]

Serves Flagsmith's SDK API (flags, identities, environment-document, realtime stream) from an environment document.

Source (exactly one):
  --document <file>          serve this environment document file; edits are served as soon as they are saved
  --upstream <apiUrl>        poll this Flagsmith API's environment-document/ (e.g. https://edge.api.flagsmith.com/api/v1/)

Options:
  --server-key <ser.key>     server-side key allowed to read environment-document/; repeatable.
                             In upstream mode the first one is also used to fetch the document.
  --port <n>                 port to listen on; 0 picks a free one (default: 8000)
  --host <host>              interface to listen on (default: 127.0.0.1)
  --refresh-interval <s>     seconds between upstream polls (default: 10)
  -h, --help                 show this help
  -v, --version              show the version
`

function toNumber(name: string, text: string | undefined, check: (n: number) => boolean): number | string | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  return text.trim() !== '' && check(value) ? value : `--${name} got "${text}"`
}

/** Reads `vexil-edge`'s arguments. Never throws: mistakes come back as `{ kind: 'error', message }`. */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(args).values
  } catch (cause) {
    return { kind: 'error', message: cause instanceof Error ? cause.message : String(cause) }
  }
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  if ((values.document === undefined) === (values.upstream === undefined)) {
    return { kind: 'error', message: 'Pass exactly one of --document <file> and --upstream <apiUrl>' }
  }
  const serverKeys = values['server-key'] ?? []
  if (values.upstream !== undefined && serverKeys.length === 0) {
    return { kind: 'error', message: '--upstream needs --server-key <ser.key> to fetch the environment document' }
  }
  const port = toNumber('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535)
  const refresh = toNumber('refresh-interval', values['refresh-interval'], (n) => Number.isFinite(n) && n > 0)
  for (const value of [port, refresh]) {
    if (typeof value === 'string') return { kind: 'error', message: `Invalid value: ${value}` }
  }
  const options: EdgeProxyOptions = { serverKeys, port: (port as number | undefined) ?? 8000 }
  if (values.host !== undefined) options.host = values.host
  if (values.document !== undefined) options.document = values.document
  if (values.upstream !== undefined) {
    options.upstream = { apiUrl: values.upstream, serverKey: serverKeys[0]! }
    if (refresh !== undefined) options.upstream.refreshIntervalSeconds = refresh as number
  }
  return { kind: 'run', options }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      document: { type: 'string' },
      upstream: { type: 'string' },
      'server-key': { type: 'string', multiple: true },
      port: { type: 'string' },
      host: { type: 'string' },
      'refresh-interval': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  })
}
