import { type BaseFlag, DefaultFlag, Flag, Flags } from '@vexil/node-sdk'
import { describe, expect, it } from 'vitest'

function trackedFlags(defaultFlagHandler?: (name: string) => BaseFlag) {
  const tracked: string[] = []
  const flags = new Flags({
    flags: {
      banner: new Flag({ value: 'hi', enabled: true, featureId: 7, featureName: 'banner' }),
      off: new Flag({ value: null, enabled: false, featureId: 8, featureName: 'off' }),
    },
    defaultFlagHandler,
    analyticsProcessor: { trackFeature: (name) => tracked.push(name) },
  })
  return { flags, tracked }
}

describe('Flags', () => {
  it('reads flags built with the official constructor shape', () => {
    const { flags } = trackedFlags()
    expect(flags.getFlag('banner')).toMatchObject({ value: 'hi', enabled: true, featureId: 7, isDefault: false })
    expect(flags.isFeatureEnabled('off')).toBe(false)
    expect(flags.getFeatureValue('off')).toBeNull()
    expect(flags.allFlags().map((flag) => flag.featureName)).toEqual(['banner', 'off'])
  })

  it('asks the defaultFlagHandler for a missing flag', () => {
    const { flags } = trackedFlags((name) => new DefaultFlag(`default ${name}`, true))
    expect(flags.getFlag('missing')).toEqual(new DefaultFlag('default missing', true))
    expect(flags.isFeatureEnabled('missing')).toBe(true)
  })

  it('returns a disabled flag without a value when there is no handler or the handler throws', () => {
    const throwing = trackedFlags(() => {
      throw new Error('bug')
    })
    for (const { flags } of [trackedFlags(), throwing]) {
      expect(flags.getFlag('missing')).toEqual(new DefaultFlag(undefined, false))
      expect(flags.getFeatureValue('missing')).toBeUndefined()
    }
  })

  it('counts reads of evaluated flags for analytics, but not defaults nor allFlags()', () => {
    const { flags, tracked } = trackedFlags(() => new DefaultFlag(1, true))
    flags.isFeatureEnabled('banner')
    flags.getFeatureValue('banner')
    flags.getFlag('off')
    flags.getFlag('missing')
    flags.allFlags()
    expect(tracked).toEqual(['banner', 'banner', 'off'])
  })

  it('reads a feature named like an Object.prototype member as missing', () => {
    const { flags } = trackedFlags()
    expect(flags.getFlag('constructor').isDefault).toBe(true)
    expect(flags.getFlag('__proto__').isDefault).toBe(true)
  })
})
