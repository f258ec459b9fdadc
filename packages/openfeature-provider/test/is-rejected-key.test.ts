import { VexilError } from '@vexil/browser-sdk'
import { describe, expect, it } from 'vitest'
import { isRejectedKeyError } from '../src/is-rejected-key'

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
})
