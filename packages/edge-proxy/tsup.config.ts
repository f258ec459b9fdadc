import { defineConfig } from 'tsup'

const shared = { sourcemap: true, target: 'es2022', platform: 'node' } as const

export default defineConfig([
  {
    ...shared,
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // Both builds run at once into dist: keep the CLI's output should this clean run after it is written.
    clean: ['!cli.js', '!cli.js.map'],
  },
  // `bin` loads the CLI with `import()`, so it is ESM only and has no types.
  { ...shared, entry: ['src/cli.ts'], format: ['esm'] },
])
