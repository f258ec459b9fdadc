import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const source = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url))

// The demo bundles the SDKs from source so it runs straight from a clone; VEXIL_TEST_DIST=1 bundles their built
// `dist` instead, as the root test config does.
const alias = process.env.VEXIL_TEST_DIST
  ? []
  : [
      { find: /^@vexil\/core-engine$/, replacement: source('core-engine/src/index.ts') },
      { find: /^@vexil\/browser-sdk$/, replacement: source('browser-sdk/src/index.ts') },
      { find: /^@vexil\/openfeature-provider\/web$/, replacement: source('openfeature-provider/src/web.ts') },
    ]

export default defineConfig({
  plugins: [react()],
  resolve: { alias, dedupe: ['react', 'react-dom', '@openfeature/web-sdk'] },
  server: { host: '127.0.0.1', port: 5174 },
  preview: { host: '127.0.0.1', port: 4174 },
})
