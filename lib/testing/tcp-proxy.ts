import net from "node:net";

/**
 * A TCP proxy in front of a server (Redis, PostgreSQL) that a test can cut and restore, as if the
 * server went away: `cut` closes every open connection and refuses new ones; `restore` listens on
 * the same port again. With `from` (another loopback address, e.g. 127.0.0.2) the server sees its
 * connections come from that address, as from another client machine.
 */
export async function tcpProxy(targetHost: string, targetPort: number, { from }: { from?: string } = {}) {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect({ port: targetPort, host: targetHost, localAddress: from });
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("error", () => socket.destroy());
          socket.on("close", () => {
            sockets.delete(socket);
            // One side gone: the other goes too, as when a server process dies.
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
    });
  const port = await listen(0);
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
    restore: () => listen(port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
