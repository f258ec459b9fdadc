#!/usr/bin/env node
import { runCli } from './run-cli'

void runCli(process.argv.slice(2)).then((outcome) => {
  if ('exitCode' in outcome) {
    process.exitCode = outcome.exitCode
    return
  }
  const stop = () => {
    void outcome.proxy.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
})
