#!/usr/bin/env node
// The command's entry exists before the build (npm links a workspace's bin only if its file exists at install time);
// the CLI itself is the built `dist/cli.js`.
import('../dist/cli.js').catch((error) => {
  console.error(`vexil-edge: cannot load the built CLI (${error.message}); run \`npm run build\` first`)
  process.exitCode = 1
})
