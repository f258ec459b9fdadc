import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDefaultLogger } from '../src/logger'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('createDefaultLogger', () => {
  it('is silent for debug and info, and writes warnings and errors to the console with a prefix', () => {
    const spies = (['debug', 'info', 'log', 'warn', 'error'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    )
    const logger = createDefaultLogger()
    logger.debug('d')
    logger.info('i')
    logger.warn('w', 1)
    logger.error('e')
    const [debug, info, log, warn, error] = spies
    expect([debug, info, log].map((spy) => spy!.mock.calls.length)).toEqual([0, 0, 0])
    expect(warn!.mock.calls).toEqual([['[@vexil/node-sdk]', 'w', 1]])
    expect(error!.mock.calls).toEqual([['[@vexil/node-sdk]', 'e']])
  })
})
