import { describe, expect, it } from 'vitest'
import { isRejectedKeyError } from '../src/is-rejected-key'

describe('isRejectedKeyError', () => {
  it('recognises 401 and 403 from a status field, a browser-sdk message or a cause', () => {
    expect(isRejectedKeyError(Object.assign(new Error('nope'), { status: 401 }))).toBe(true)
    expect(isRejectedKeyError(new Error('vexil: http://x/api/v1/flags/ answered 403'))).toBe(true)
    expect(isRejectedKeyError(new Error('timed out', { cause: Object.assign(new Error(), { status: 403 }) }))).toBe(
      true,
    )
  })

  it('treats other failures as recoverable', () => {
    expect(isRejectedKeyError(Object.assign(new Error('busy'), { status: 503 }))).toBe(false)
    expect(isRejectedKeyError(new Error('vexil: http://x/ answered 500'))).toBe(false)
    expect(isRejectedKeyError(new Error('vexil: cannot reach http://x/'))).toBe(false)
    expect(isRejectedKeyError(undefined)).toBe(false)
    expect(isRejectedKeyError('401')).toBe(false)
  })
})
