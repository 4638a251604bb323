// Test servers listen on 127.0.0.1 only (tests never send traffic anywhere else) and close together with the
// connections a keep-alive client still holds (which would otherwise keep close() waiting).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listen on a free port of 127.0.0.1; resolves to the base URL `http://127.0.0.1:PORT/`. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
