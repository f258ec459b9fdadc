import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { EvaluationContext, EvaluationResult } from '@vexil/core-engine'

/** One of Flagsmith's engine test vectors: a context and the result Flagsmith's engine gives for it. */
export interface EngineTestCase {
  file: string
  context: EvaluationContext
  result: EvaluationResult
}

/** Where Flagsmith's engine test data lives: `$ENGINE_TEST_DATA`, or `shared/engine-test-data` beside the repository. */
export const engineTestDataDirectory = resolve(
  process.env.ENGINE_TEST_DATA ?? join(import.meta.dirname, '../../../../../shared/engine-test-data'),
)

/** Removes `//` and `/* *\/` comments outside strings, so JSONC parses as JSON. */
export function stripJsonComments(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    if (char === '"') {
      let end = i + 1
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      out += text.slice(i, end + 1)
      i = end + 1
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      i = end === -1 ? text.length : end + 2
    } else {
      out += char
      i++
    }
  }
  return out
}

/** Every vector file (JSON and JSONC), or `undefined` when the test data is not there. */
export function loadEngineTestCases(): EngineTestCase[] | undefined {
  const directory = join(engineTestDataDirectory, 'test_cases')
  if (!existsSync(directory)) return undefined
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json') || file.endsWith('.jsonc'))
    .sort()
    .map((file) => {
      const json = JSON.parse(stripJsonComments(readFileSync(join(directory, file), 'utf8')))
      return { file, context: json.context, result: json.result }
    })
}
