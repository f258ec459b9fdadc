import { evaluate } from '@vexil/core-engine'
import { describe, expect, it } from 'vitest'
import { engineTestDataDirectory, loadEngineTestCases } from './support/engine-test-data'

const cases = loadEngineTestCases()

if (!cases) {
  console.warn(
    `Flagsmith's engine test data was not found at ${engineTestDataDirectory}: the vector suite is skipped. ` +
      'Put it beside the repository as shared/engine-test-data or point ENGINE_TEST_DATA at it.',
  )
}

describe.runIf(cases)("Flagsmith's engine test vectors", () => {
  it('finds the vector files', () => {
    expect(cases!.length).toBeGreaterThan(0)
  })

  it.each(cases ?? [])("$file gives Flagsmith's result", ({ context, result }) => {
    expect(evaluate(context)).toEqual(result)
  })
})
