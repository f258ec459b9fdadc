import { createServer, type Socket } from 'node:net'

/** A TCP server that accepts connections and never answers, to make requests time out. */
export async function startSilentServer(): Promise<{ apiUrl: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v1/`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
