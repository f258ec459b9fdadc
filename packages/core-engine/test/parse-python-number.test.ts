import { describe, expect, it } from 'vitest'
import { parsePythonFloat, parsePythonInt } from '../src/parse-python-number'

// What CPython 3 returns for int(text) and float(text); `undefined` where it raises ValueError.
const cases: [text: string, int: number | bigint | undefined, float: number | undefined][] = [
  ['42', 42, 42],
  ['-42', -42, -42],
  ['007', 7, 7],
  ['-0', 0, -0],
  ['0', 0, 0],
  ['3.5', undefined, 3.5],
  ['-3.5', undefined, -3.5],
  ['1.', undefined, 1],
  ['.5', undefined, 0.5],
  ['-.5', undefined, -0.5],
  ['00.50', undefined, 0.5],
  ['12345678901234567890', 12345678901234567890n, 12345678901234567000],
  ['+5', 5, 5],
  [' 42 ', 42, 42],
  ['\u3000-7\n', -7, -7],
  ['1_000', 1000, 1000],
  ['1e3', undefined, 1000],
  ['-inf', undefined, Number.NEGATIVE_INFINITY],
  ['NaN', undefined, Number.NaN],
  ['', undefined, undefined],
  ['-', undefined, undefined],
  ['.', undefined, undefined],
  ['1.2.3', undefined, undefined],
  ['--1', undefined, undefined],
  ['0x10', undefined, undefined],
  ['1__0', undefined, undefined],
]

describe('parsePythonInt and parsePythonFloat', () => {
  it.each(cases)('parse %j as Python does', (text, int, float) => {
    expect(parsePythonInt(text)).toStrictEqual(int)
    expect(parsePythonFloat(text)).toStrictEqual(float)
  })
})
