import { writeFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import packageJson from '../package.json'
import { type CliOutcome, runCli } from '../src/run-cli'
import { CLIENT_KEY, copyFixture, FIXTURE_PATH, SERVER_KEY } from './fixture-proxy'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const outcome: CliOutcome = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line) })
  if ('proxy' in outcome) cleanups.push(() => outcome.proxy.close())
  // Getters: a running proxy keeps writing after runCli resolved.
  return {
    outcome,
    get out() {
      return out.join('\n')
    },
    get err() {
      return err.join('\n')
    },
  }
}

describe('vexil-edge', () => {
  it('serves a document on the port and host given and prints the SDK URL', async () => {
    const cli = await run(['--document', FIXTURE_PATH, '--server-key', SERVER_KEY, '--port', '0'])
    const { outcome, out } = cli
    if (!('proxy' in outcome)) throw new Error(`expected a running proxy, got ${outcome.exitCode}: ${cli.err}`)
    expect(outcome.proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(out).toContain(`(SDK apiUrl: ${outcome.proxy.apiUrl})`)
    expect(out).toContain(`vexil-edge ${packageJson.version} serving ${FIXTURE_PATH}`)
    const flags = await fetch(`${outcome.proxy.apiUrl}flags/`, { headers: { 'X-Environment-Key': CLIENT_KEY } })
    expect(flags.status).toBe(200)
    const document = await fetch(`${outcome.proxy.apiUrl}environment-document/`, {
      headers: { 'X-Environment-Key': SERVER_KEY },
    })
    expect(document.status).toBe(200)
  })

  it('logs a rejected edit with a timestamp on standard error', async () => {
    const fixture = await copyFixture()
    cleanups.push(fixture.remove)
    const cli = await run(['--document', fixture.path, '--port', '0'])
    if (!('proxy' in cli.outcome)) throw new Error(`expected a running proxy, got: ${cli.err}`)
    await writeFile(fixture.path, '{ "api_key": ')
    await cli.outcome.proxy.refresh()
    expect(cli.err).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z warning: Rejected document .*environment\.json/m)
  })

  it('prints help and the version with exit code 0', async () => {
    const help = await run(['--help'])
    expect(help.outcome).toEqual({ exitCode: 0 })
    expect(help.out).toContain('Usage: vexil-edge')
    const version = await run(['-v'])
    expect(version.outcome).toEqual({ exitCode: 0 })
    expect(version.out).toBe(packageJson.version)
  })

  it('exits with 2 and the usage on bad arguments', async () => {
    const { outcome, err } = await run(['--document', FIXTURE_PATH, '--port', 'eighty'])
    expect(outcome).toEqual({ exitCode: 2 })
    expect(err).toContain('--port got "eighty"')
    expect(err).toContain('Usage: vexil-edge')
  })

  it('exits with 1 naming the file when the document cannot be served', async () => {
    const { outcome, err } = await run(['--document', 'no-such-environment.json', '--port', '0'])
    expect(outcome).toEqual({ exitCode: 1 })
    expect(err).toContain('no-such-environment.json')
  })
})
