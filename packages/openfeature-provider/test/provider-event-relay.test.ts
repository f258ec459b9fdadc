import { describe, expect, it } from 'vitest'
import { ProviderEventRelay, type RelayedEvent, type RelayedEventDetails } from '../src/provider-event-relay'

function createRelay() {
  const emitted: [RelayedEvent, RelayedEventDetails][] = []
  const relay = new ProviderEventRelay((event, details) => emitted.push([event, details]))
  return { relay, emitted }
}

describe('ProviderEventRelay', () => {
  it('emits nothing before initialisation, since the SDK emits READY or ERROR for initialize', () => {
    const { relay, emitted } = createRelay()
    relay.changed(['a'])
    relay.stale(new Error('down'))
    relay.recovered()
    expect(emitted).toEqual([])
    expect(relay.state).toBe('not-ready')
  })

  it('announces changed flags once ready', () => {
    const { relay, emitted } = createRelay()
    relay.initialized()
    relay.changed(['a', 'b'])
    relay.changed([])
    expect(emitted).toEqual([['PROVIDER_CONFIGURATION_CHANGED', { flagsChanged: ['a', 'b'] }]])
  })

  it('goes stale once when refreshes fail and ready once on recovery', () => {
    const { relay, emitted } = createRelay()
    relay.initialized()
    relay.stale(new Error('refresh failed'))
    relay.stale(new Error('refresh failed again'))
    relay.recovered()
    relay.recovered()
    expect(emitted).toEqual([
      ['PROVIDER_STALE', { message: 'refresh failed' }],
      ['PROVIDER_READY', {}],
    ])
    expect(relay.state).toBe('ready')
  })

  it('becomes ready when flags arrive after initialize failed', () => {
    const { relay, emitted } = createRelay()
    relay.initializeFailed({ isFatal: false })
    relay.stale(new Error('still down'))
    relay.recovered()
    expect(emitted).toEqual([['PROVIDER_READY', {}]])
  })

  it('stays silent after a fatal failure', () => {
    const { relay, emitted } = createRelay()
    relay.initializeFailed({ isFatal: true })
    relay.recovered()
    relay.changed(['a'])
    relay.initialized()
    expect(emitted).toEqual([])
    expect(relay.state).toBe('fatal')
  })

  it('returns to not-ready when closed', () => {
    const { relay, emitted } = createRelay()
    relay.initialized()
    relay.closed()
    relay.changed(['a'])
    expect(emitted).toEqual([])
    expect(relay.state).toBe('not-ready')
  })
})
