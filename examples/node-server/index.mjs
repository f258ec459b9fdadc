// Runs the app against a running edge proxy or Flagsmith API: VEXIL_API_URL and VEXIL_SERVER_KEY select it.
//   npx vexil-edge --document examples/demo-environment.json --server-key ser.vexilDemoServerKey0001
//   node examples/node-server/index.mjs
import { startNodeServer } from './server.mjs'

const apiUrl = process.env.VEXIL_API_URL ?? 'http://127.0.0.1:8000/api/v1/'
const app = await startNodeServer({
  apiUrl,
  environmentKey: process.env.VEXIL_SERVER_KEY ?? 'ser.vexilDemoServerKey0001',
  // An edge proxy serves the realtime stream itself, next to its API.
  realtimeUrl: process.env.VEXIL_REALTIME_URL ?? new URL('/', apiUrl).href,
  port: Number(process.env.PORT ?? 3000),
})
console.log(`node-server listening on ${app.url}?user=jane&plan=pro`)
const stop = () => void app.close().then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
