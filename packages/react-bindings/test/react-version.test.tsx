import { render, screen } from '@testing-library/react'
import { useFlag, VexilProvider } from '@vexil/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { describe, expect, inject, it } from 'vitest'
import { createTestClient } from './client-fixture'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The React major a project runs these tests against: one project per major in the root vitest config. */
    reactMajor: number
  }
}

function Version() {
  const { enabled } = useFlag('a')
  return <span data-testid="version">{`${version}:${enabled}`}</span>
}

describe('the React under test', () => {
  it("is the project's major, with react-dom of the same version", () => {
    expect(version.split('.')[0]).toBe(String(inject('reactMajor')))
    expect(domVersion).toBe(version)
  })

  it('is the React that Testing Library renders with', () => {
    // Hooks of one React copy fail under the react-dom of another, so this render proves the two are one.
    const { client } = createTestClient()
    render(
      <VexilProvider client={client}>
        <Version />
      </VexilProvider>,
    )
    expect(screen.getByTestId('version').textContent).toBe(`${version}:false`)
  })
})
