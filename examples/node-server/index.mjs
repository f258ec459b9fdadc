// Runs the app against a running edge proxy: VEXIL_API_URL and VEXIL_SERVER_KEY select it.
import { startNodeServer } from './server.mjs'

const apiUrl = process.env.VEXIL_API_URL ?? 'http://127.0.0.1:8000/api/v1/'
const app = await startNodeServer({
  apiUrl,
  serverKey: process.env.VEXIL_SERVER_KEY ?? 'ser.vexilDemoServerKey0001',
  realtimeUrl: new URL('/', apiUrl).href,
  port: Number(process.env.PORT ?? 3000),
})
console.log(`node-server listening on ${app.url}?user=jane&plan=pro`)
process.once('SIGINT', () => app.close())
