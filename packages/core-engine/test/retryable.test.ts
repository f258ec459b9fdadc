import { describe, expect, it } from 'vitest'
import { isRejectedKeyError, isRetryableError, isRetryableStatus } from '../src/retryable'
import { VexilError } from '../src/vexil-error'

const STATUSES: [number, boolean][] = [
  [0, true],
  [200, true],
  [304, true],
  [408, true],
  [429, true],
  [500, true],
  [503, true],
  [400, false],
  [401, false],
  [403, false],
  [404, false],
  [422, false],
  [499, false],
]

describe('isRetryableStatus', () => {
  it.each(STATUSES)('tells whether status %i may succeed on a retry (%s)', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected)
  })
})

describe('isRetryableError', () => {
  it.each(STATUSES)('retries an error with status %i as the status says (%s)', (status, expected) => {
    expect(isRetryableError(new VexilError('HTTP_ERROR', 'failed', { status }))).toBe(expected)
  })

  it.each(['NETWORK_ERROR', 'TIMEOUT', 'INVALID_DOCUMENT'] as const)('retries a %s, which has no status', (code) => {
    expect(isRetryableError(new VexilError(code, 'failed'))).toBe(true)
  })
})

describe('isRejectedKeyError', () => {
  it('recognises 401 and 403 from the error status or a cause', () => {
    expect(isRejectedKeyError(new VexilError('HTTP_ERROR', 'refused', { status: 401 }))).toBe(true)
    expect(isRejectedKeyError(new VexilError('HTTP_ERROR', 'refused', { status: 403 }))).toBe(true)
    expect(isRejectedKeyError(Object.assign(new Error('nope'), { status: 401 }))).toBe(true)
    expect(
      isRejectedKeyError(new Error('timed out', { cause: new VexilError('HTTP_ERROR', '', { status: 403 }) })),
    ).toBe(true)
  })

  it('treats other failures as recoverable', () => {
    expect(isRejectedKeyError(new VexilError('HTTP_ERROR', 'busy', { status: 503 }))).toBe(false)
    expect(isRejectedKeyError(new VexilError('NETWORK_ERROR', 'vexil: cannot reach http://x/'))).toBe(false)
    expect(isRejectedKeyError(undefined)).toBe(false)
    expect(isRejectedKeyError('401')).toBe(false)
  })

  it('decides by the status alone, never by the message', () => {
    expect(isRejectedKeyError(new VexilError('HTTP_ERROR', 'vexil: http://x/ answered 401', { status: 500 }))).toBe(
      false,
    )
    expect(isRejectedKeyError(new Error('vexil: http://x/api/v1/flags/ answered 403'))).toBe(false)
  })

  it('rejects no other refused request: 400, 404, 408 and 429 are not about the key', () => {
    for (const status of [400, 404, 408, 429]) {
      expect(isRejectedKeyError(new VexilError('HTTP_ERROR', 'refused', { status }))).toBe(false)
    }
  })
})
