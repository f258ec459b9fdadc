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

export default defineConfig({
  test: {
    projects: [
      project('core-engine'),
      project('node-sdk'),
      project('browser-sdk', 'jsdom'),
      project('react-bindings', 'jsdom'),
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
