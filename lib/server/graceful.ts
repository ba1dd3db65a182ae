// Graceful shutdown of an HTTP server: stop accepting, answer every request already in flight with
// `Connection: close`, close idle keep-alive connections, and report when nothing is left.
//
// Node's own server.close() (Node >= 19) destroys idle keep-alive sockets at once. A proxy's
// upstream pool or a busy client reuses a socket the moment a response ends, so "idle" there often
// means "the next request is on the wire": destroying it resets that request. Here an idle socket
// gets IDLE_GRACE_MS from its last response to bring one; it is served with `Connection: close`.
import net, { type Socket } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export const IDLE_GRACE_MS = 1000;

type SocketState = { active: number; idleSince: number; timer?: NodeJS.Timeout };

export type Drainer = {
  /**
   * Call for every request before handling it; call what it returns when its response closes (the
   * server's one close listener per response calls it: lib/server/pipeline.ts).
   */
  track(req: IncomingMessage): () => void;
  /** Call right before a response's headers go out. */
  beforeHeaders(res: ServerResponse): void;
  readonly closing: boolean;
  /** Resolves when every connection has closed, or after `deadlineMs` with the number of connections cut. */
  shutdown(deadlineMs: number): Promise<{ forced: number }>;
};

export function drainer(server: Server, { secure = false }: { secure?: boolean } = {}): Drainer {
  const sockets = new Map<Socket, SocketState>();
  let closing = false;

  const stateOf = (socket: Socket): SocketState => {
    let state = sockets.get(socket);
    if (!state) {
      state = { active: 0, idleSince: Date.now() };
      sockets.set(socket, state);
      socket.once("close", () => {
        clearTimeout(sockets.get(socket)?.timer);
        sockets.delete(socket);
      });
    }
    return state;
  };
  // A TLS server's requests carry the TLS socket, not the raw one 'connection' reports.
  server.on(secure ? "secureConnection" : "connection", (socket: Socket) => void stateOf(socket));

  const closeWhenIdle = (socket: Socket, state: SocketState) => {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      if (state.active === 0) socket.destroy();
    }, Math.max(0, state.idleSince + IDLE_GRACE_MS - Date.now()));
  };

  return {
    get closing() {
      return closing;
    },
    track(req) {
      const socket = req.socket;
      const state = stateOf(socket);
      state.active++;
      clearTimeout(state.timer);
      return () => {
        state.active--;
        state.idleSince = Date.now();
        if (closing && state.active === 0 && !socket.destroyed) closeWhenIdle(socket, state);
      };
    },
    beforeHeaders(res) {
      if (closing && !res.headersSent) res.setHeader("Connection", "close");
    },
    shutdown(deadlineMs) {
      closing = true;
      return new Promise((resolve) => {
        let settled = false;
        const deadline = setTimeout(() => {
          if (settled) return;
          settled = true;
          const forced = sockets.size;
          for (const socket of sockets.keys()) socket.destroy();
          resolve({ forced });
        }, deadlineMs);
        // net.Server's close: stop listening without http.Server's immediate closeIdleConnections().
        net.Server.prototype.close.call(server, () => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve({ forced: 0 });
        });
        for (const [socket, state] of sockets) if (state.active === 0) closeWhenIdle(socket, state);
      });
    },
  };
}
