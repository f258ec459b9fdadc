import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url))

// Tests import `@vexil/*` from source so they need no build; VEXIL_TEST_DIST=1 runs them against the built `dist`.
const alias = process.env.VEXIL_TEST_DIST
  ? []
  : [
      { find: /^@vexil\/core-engine$/, replacement: src('core-engine/src/index.ts') },
      { find: /^@vexil\/node-sdk$/, replacement: src('node-sdk/src/index.ts') },
      { find: /^@vexil\/browser-sdk$/, replacement: src('browser-sdk/src/index.ts') },
      { find: /^@vexil\/browser-sdk\/local$/, replacement: src('browser-sdk/src/local.ts') },
      { find: /^@vexil\/react$/, replacement: src('react-bindings/src/index.tsx') },
      { find: /^@vexil\/edge-proxy$/, replacement: src('edge-proxy/src/index.ts') },
      { find: /^@vexil\/openfeature-provider\/server$/, replacement: src('openfeature-provider/src/server.ts') },
      { find: /^@vexil\/openfeature-provider\/web$/, replacement: src('openfeature-provider/src/web.ts') },
    ]

const project = (dir: string, environment: 'node' | 'jsdom' = 'node'): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: {
    name: dir,
    root: fileURLToPath(new URL(`./packages/${dir}`, import.meta.url)),
    include: ['test/**/*.test.{ts,tsx}'],
    environment,
  },
})

// React 18 lives in its own workspace, compat/react-18: react-dom requires `react` itself, so both must come from that
// folder, apart from the root's React 19. Testing Library is aliased to its ESM build and inlined so that these aliases
// reach its imports too: vitest resolves without `mainFields`, and the `require` of its CJS build would find React 19.
const rootRequire = createRequire(import.meta.url)
const react18Require = createRequire(fileURLToPath(new URL('./compat/react-18/package.json', import.meta.url)))
const react18 = (name: string) => dirname(react18Require.resolve(`${name}/package.json`))
const testingLibrary = rootRequire.resolve('@testing-library/react/package.json')
const testingLibraryEsm = join(dirname(testingLibrary), rootRequire(testingLibrary).module)
const reactBindings = project('react-bindings', 'jsdom')
const reactBindings18: TestProjectInlineConfiguration = {
  resolve: {
    alias: [
      ...alias,
      { find: /^@testing-library\/react$/, replacement: testingLibraryEsm },
      { find: /^react-dom(\/.*)?$/, replacement: `${react18('react-dom')}$1` },
      { find: /^react(\/.*)?$/, replacement: `${react18('react')}$1` },
    ],
  },
  test: {
    ...reactBindings.test,
    name: 'react-bindings (React 18)',
    provide: { reactMajor: 18 },
    server: { deps: { inline: [/\/node_modules\/@testing-library\/react\//] } },
  },
}

export default defineConfig({
  test: {
    projects: [
      project('core-engine'),
      project('node-sdk'),
      project('browser-sdk', 'jsdom'),
      { ...reactBindings, test: { ...reactBindings.test, provide: { reactMajor: 19 } } },
      reactBindings18,
      project('edge-proxy'),
      project('openfeature-provider'),
      {
        resolve: { alias },
        test: {
          name: 'examples',
          include: ['examples/**/test/**/*.test.{ts,tsx}'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
