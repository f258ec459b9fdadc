#!/usr/bin/env node
import packageJson from '../package.json'
import { createEdgeProxy } from './create-edge-proxy'
import type { EdgeProxyLogger } from './edge-proxy-logger'
import { CLI_USAGE, parseCliArgs } from './parse-cli-args'

const stamp = () => new Date().toISOString()

// The CLI is an application: unlike the library default, it reports document reloads too.
const logger: EdgeProxyLogger = {
  info: (message) => console.log(`${stamp()} ${message}`),
  warn: (message) => console.warn(`${stamp()} warning: ${message}`),
  error: (message, cause) => console.error(`${stamp()} error: ${message}`, ...(cause === undefined ? [] : [cause])),
}

async function main(): Promise<number | undefined> {
  const command = parseCliArgs(process.argv.slice(2))
  switch (command.kind) {
    case 'help':
      process.stdout.write(CLI_USAGE)
      return 0
    case 'version':
      console.log(packageJson.version)
      return 0
    case 'error':
      console.error(`vexil-edge: ${command.message}\n\n${CLI_USAGE}`)
      return 2
  }
  const proxy = await createEdgeProxy({ ...command.options, logger })
  const source = command.options.document ?? command.options.upstream?.apiUrl
  console.log(`vexil-edge ${packageJson.version} serving ${source} at ${proxy.url} (SDK apiUrl: ${proxy.apiUrl})`)
  const stop = () => {
    void proxy.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return undefined
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code
  },
  (error: unknown) => {
    console.error(`vexil-edge: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  },
)
