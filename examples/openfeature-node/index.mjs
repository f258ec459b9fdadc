// `npm start`: evaluates the demo flags through OpenFeature against a running edge proxy (see README.md).
import { printDemoFlags } from './print-demo-flags.mjs'

await printDemoFlags({
  apiUrl: process.env.VEXIL_API_URL ?? 'http://127.0.0.1:8000/api/v1/',
  serverKey: process.env.VEXIL_SERVER_KEY,
  write: (line) => console.log(line),
})
