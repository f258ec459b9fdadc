import { act, render, screen } from '@testing-library/react'
import { useFlag, useFlags, useFlagsStatus, useFlagValue, useVexilClient, VexilProvider } from '@vexil/react'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { apiFlags, apiIdentity, createTestClient } from './client-fixture'

function FlagReader({ name, renders }: { name: string; renders: Record<string, number> }) {
  renders[name] = (renders[name] ?? 0) + 1
  const { enabled, value } = useFlag(name)
  return <span data-testid={name}>{`${enabled}:${String(value)}`}</span>
}

function FlagProbe({ seen }: { seen: object[] }) {
  seen.push(useFlag('a'))
  useFlagsStatus()
  return null
}

function Limit() {
  return <span data-testid="limit">{String(useFlagValue('limit', 25))}</span>
}

function Selection({ selections }: { selections: Record<string, unknown>[] }) {
  selections.push(useFlags(['a', 'missing']))
  return null
}

function Names() {
  return <span data-testid="names">{Object.keys(useFlags()).join(',')}</span>
}

function Orphan() {
  useFlag('a')
  return null
}

function Greeting() {
  const client = useVexilClient()
  const greeting = useFlagValue('greeting', 'hello')
  return (
    <>
      <span data-testid="greeting">{String(greeting)}</span>
      <button type="button" onClick={() => void client.identify('alice')}>
        alice
      </button>
      <button type="button" onClick={() => void client.identify('bob')}>
        bob
      </button>
    </>
  )
}

describe('useFlag', () => {
  it('re-renders only the components whose flag changed', async () => {
    const { client, network } = createTestClient()
    const renders: Record<string, number> = {}
    render(
      <VexilProvider client={client}>
        <FlagReader name="a" renders={renders} />
        <FlagReader name="b" renders={renders} />
      </VexilProvider>,
    )
    expect(screen.getByTestId('a').textContent).toBe('false:null')
    await act(async () => network.last().respond(apiFlags({ a: { enabled: true, value: 1 }, b: { enabled: true } })))
    expect(screen.getByTestId('a').textContent).toBe('true:1')
    expect(renders).toEqual({ a: 2, b: 2 })

    const identified = client.identify('user-1')
    await act(async () => {
      network.last().respond(apiIdentity('user-1', { a: { enabled: true, value: 2 }, b: { enabled: true } }))
      await identified
    })
    expect(screen.getByTestId('a').textContent).toBe('true:2')
    expect(screen.getByTestId('b').textContent).toBe('true:null')
    expect(renders).toEqual({ a: 3, b: 2 })
  })

  it('returns the same object until the flag changes, even when the component re-renders for the status', async () => {
    const { client, network } = createTestClient()
    const seen: object[] = []
    render(
      <VexilProvider client={client}>
        <FlagProbe seen={seen} />
      </VexilProvider>,
    )
    await act(async () => network.last().respond(apiFlags({ a: { enabled: true } })))
    const settled = seen.at(-1)
    await act(async () => {
      const identified = client.identify('user-1')
      network.last().respond(apiIdentity('user-1', { a: { enabled: true } }))
      await identified
    })
    // The status changed (loading → fetched), so the component rendered again, but its flag object did not.
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.at(-1)).toBe(settled)
  })
})

describe('useFlagValue', () => {
  it('returns the fallback while the flag is unknown or has no value, then its value', async () => {
    const { client, network } = createTestClient()
    render(
      <VexilProvider client={client}>
        <Limit />
      </VexilProvider>,
    )
    expect(screen.getByTestId('limit').textContent).toBe('25')
    await act(async () => network.last().respond(apiFlags({ limit: { enabled: true, value: 100 } })))
    expect(screen.getByTestId('limit').textContent).toBe('100')
  })

  it("returns the fallback for a value of another type, typed as the fallback's type", async () => {
    const { client, network } = createTestClient()
    render(
      <VexilProvider client={client}>
        <Limit />
      </VexilProvider>,
    )
    await act(async () => network.last().respond(apiFlags({ limit: { enabled: true, value: 'unlimited' } })))
    expect(screen.getByTestId('limit').textContent).toBe('25')
    expectTypeOf(useFlagValue).toBeCallableWith('limit', 25)
    expectTypeOf<ReturnType<typeof useFlagValue<25>>>().toEqualTypeOf<number>()
  })
})

describe('useFlags', () => {
  it('selects the named flags and re-renders only when one of them changes', async () => {
    const { client, network } = createTestClient()
    const selections: Record<string, unknown>[] = []
    render(
      <VexilProvider client={client}>
        <Selection selections={selections} />
      </VexilProvider>,
    )
    await act(async () => network.last().respond(apiFlags({ a: { enabled: true }, b: { enabled: false } })))
    expect(selections).toHaveLength(2)
    expect(selections[1]).toEqual({
      a: { name: 'a', enabled: true, value: null, metadata: { id: 1 } },
      missing: undefined,
    })

    const identified = client.identify('user-1')
    await act(async () => {
      network.last().respond(apiIdentity('user-1', { a: { enabled: true }, b: { enabled: true } }))
      await identified
    })
    expect(selections).toHaveLength(2)
  })

  it('returns every flag without names', async () => {
    const { client, network } = createTestClient()
    render(
      <VexilProvider client={client}>
        <Names />
      </VexilProvider>,
    )
    await act(async () => network.last().respond(apiFlags({ a: { enabled: true }, b: { enabled: false } })))
    expect(screen.getByTestId('names').textContent).toBe('a,b')
  })
})

describe('identify from components', () => {
  it('shows the flags of the last of two fast identifies', async () => {
    const { client, network } = createTestClient()
    render(
      <VexilProvider client={client}>
        <Greeting />
      </VexilProvider>,
    )
    await act(async () => network.last().respond(apiFlags({})))
    act(() => screen.getByText('alice').click())
    const alice = network.last()
    act(() => screen.getByText('bob').click())
    const bob = network.last()

    await act(async () => bob.respond(apiIdentity('bob', { greeting: { enabled: true, value: 'hi bob' } })))
    await act(async () => alice.respond(apiIdentity('alice', { greeting: { enabled: true, value: 'hi alice' } })))
    expect(alice.isAborted()).toBe(true)
    expect(screen.getByTestId('greeting').textContent).toBe('hi bob')
    expect(client.getContext()?.identifier).toBe('bob')
  })
})

describe('useVexilClient', () => {
  it('throws a clear error outside a provider', () => {
    const consoleError = console.error
    console.error = () => {}
    // React 18 also reports the render error as an uncaught window error, which jsdom prints unless it is handled.
    const handle = (event: ErrorEvent) => event.preventDefault()
    window.addEventListener('error', handle)
    try {
      expect(() => render(<Orphan />)).toThrow('inside <VexilProvider>')
    } finally {
      window.removeEventListener('error', handle)
      console.error = consoleError
    }
  })
})
