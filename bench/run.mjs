import { spawnSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { prepareGenerator } from './prepare-generator.mjs'

// Entry point of `npm run bench`: `node run.mjs [suite…] [--no-build] [--seed n] [--duration ms] [--rounds n]`.
// Every `suites/<name>.mjs` is a suite (exporting `run`, and optionally `description` and `builds`); with no names,
// all suites run in alphabetical order.

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'no-build': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '5' },
  },
})

const root = fileURLToPath(new URL('..', import.meta.url))
const available = readdirSync(new URL('./suites/', import.meta.url))
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => file.slice(0, -'.mjs'.length))
  .sort()

const unknown = positionals.filter((name) => !available.includes(name))
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Available: ${available.join(', ')}.`)
  process.exit(2)
}
const names = positionals.length > 0 ? positionals : available
const suites = await Promise.all(names.map(async (name) => ({ name, ...(await import(`./suites/${name}.mjs`)) })))

if (values.list) {
  for (const suite of suites) console.log(`${suite.name}: ${suite.description ?? ''}`)
  process.exit(0)
}

// Suites import sibling packages from their built `dist`, as applications do.
if (!values['no-build']) {
  for (const workspace of new Set(suites.flatMap((suite) => suite.builds ?? []))) {
    console.log(`Building ${workspace}…`)
    const build = spawnSync('npm', ['run', 'build', '--silent', '--workspace', workspace], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    if (build.status !== 0) {
      console.error(`Building ${workspace} failed; fix it or rerun with --no-build.`)
      process.exit(1)
    }
  }
}

const context = {
  generatorPath: prepareGenerator(),
  seed: Number(values.seed),
  durationMs: Number(values.duration),
  rounds: Number(values.rounds),
}
const started = performance.now()
try {
  for (const suite of suites) {
    console.log(`\n${suite.name}: ${suite.description ?? ''}`)
    await suite.run(context)
  }
} finally {
  rmSync(dirname(context.generatorPath), { recursive: true, force: true })
}
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s (node ${process.version}).`)
