import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'

const source = new URL('../packages/core-engine/test/support/generate-document.ts', import.meta.url)

/**
 * Transpiles the seeded document generator, which the differential test shares, to a plain ES module in the temp
 * directory and returns its path. Node 20 cannot run TypeScript, and the generator only has type-only imports, so a
 * plain transpile (no bundling, no type check) is enough. Throws if the source is missing.
 */
export function prepareGenerator() {
  const output = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    fileName: 'generate-document.ts',
  })
  const directory = join(tmpdir(), `vexil-bench-${process.pid}`)
  mkdirSync(directory, { recursive: true })
  const path = join(directory, 'generate-document.mjs')
  writeFileSync(path, output.outputText)
  return path
}
