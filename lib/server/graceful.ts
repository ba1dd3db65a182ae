// Graceful shutdown of an HTTP server: stop accepting, answer every request already in flight with
// `Connection: close`, close idle keep-alive connections, and report when nothing is left.
//
// Node's own server.close() (Node >= 19) destroys idle keep-alive sockets at once. A proxy's
// upstream pool or a busy client reuses a socket the moment a response ends, so "idle" there often
// means "the next request is on the wire": destroying it resets that request. Here an idle socket
// gets IDLE_GRACE_MS from its last response to bring one; it is served with `Connection: close`.
// A socket is closed only after the event loop has read what arrived on it, and one that has
// brought part of a request is waited for like a busy one: only the deadline cuts it.
//
// Closing a listening socket makes the kernel reset every connection it has completed but the
// process has not yet accepted (the client connected, sent its request, and reads ECONNRESET).
// Node accepts once per turn of the event loop, so a busy turn (a page render) leaves such a queue.
// The listener is closed after a whole turn in which nothing new was accepted, in that turn's check
// phase; until then responses keep the connection alive, so that no client is told to reconnect
// into the window. A connection completed between the last poll and the close is still reset: no
// process can stop the kernel's handshakes short of closing (docs/decisions/0010).
import net, { type Socket } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export const IDLE_GRACE_MS = 1000;
/** At most this long is spent accepting what the kernel queued before the listener is closed. */
export const ACCEPT_DRAIN_MS = 250;

type SocketState = { active: number; idleSince: number; bytesRead: number; timer?: NodeJS.Timeout };

export type Drainer = {
  /**
   * Call for every request before handling it; call what it returns when its response closes (the
   * server's one close listener per response calls it: lib/server/pipeline.ts).
   */
  track(req: IncomingMessage): () => void;
  /** Call right before a response's headers go out. */
  beforeHeaders(res: ServerResponse): void;
  /** Resolves when every connection has closed, or after `deadlineMs` with the number of connections cut. */
  shutdown(deadlineMs: number): Promise<{ forced: number }>;
};

/** Resolves in the next check phase; a pending immediate makes the poll phase before it not wait. */
const nextCheck = () => new Promise<void>((resolve) => setImmediate(resolve));

export function drainer(server: Server, { secure = false }: { secure?: boolean } = {}): Drainer {
  const sockets = new Map<Socket, SocketState>();
  // From the listener's close on, responses carry `Connection: close` and idle sockets are closed.
  let closing = false;
  let accepted = 0;

  const stateOf = (socket: Socket): SocketState => {
    let state = sockets.get(socket);
    if (!state) {
      // bytesRead: what had arrived when the last response ended, or when the connection was taken.
      state = { active: 0, idleSince: Date.now(), bytesRead: socket.bytesRead };
      sockets.set(socket, state);
      socket.once("close", () => {
        clearTimeout(sockets.get(socket)?.timer);
        sockets.delete(socket);
      });
    }
    return state;
  };

  const closeWhenIdle = (socket: Socket, state: SocketState) => {
    clearTimeout(state.timer);
    state.timer = setTimeout(
      // The timers phase comes before the poll that reads what arrived meanwhile: decide after it.
      () =>
        void nextCheck().then(() => {
          if (state.active > 0 || socket.destroyed) return;
          if (socket.bytesRead > state.bytesRead) {
            // Part of a request: its headers are not complete yet. Wait for it like a busy socket.
            state.bytesRead = socket.bytesRead;
            state.idleSince = Date.now();
            closeWhenIdle(socket, state);
            return;
          }
          socket.destroy();
        }),
      Math.max(0, state.idleSince + IDLE_GRACE_MS - Date.now()),
    );
  };

  // A TLS server's requests carry the TLS socket, not the raw one 'connection' reports.
  server.on(secure ? "secureConnection" : "connection", (socket: Socket) => void stateOf(socket));
  // Raw TCP accepts, for a TLS server too (its handshake comes later).
  server.on("connection", () => void accepted++);

  /** Resolves in a check phase that followed a whole poll phase in which nothing was accepted. */
  const acceptQueued = async () => {
    const until = Date.now() + ACCEPT_DRAIN_MS;
    // To the end of the current turn (a signal handler runs in the middle of a poll phase).
    await nextCheck();
    for (;;) {
      const before = accepted;
      await nextCheck();
      if (accepted === before || Date.now() >= until) return;
    }
  };

  return {
    track(req) {
      const socket = req.socket;
      const state = stateOf(socket);
      state.active++;
      clearTimeout(state.timer);
      return () => {
        state.active--;
        state.idleSince = Date.now();
        state.bytesRead = socket.bytesRead;
        if (closing && state.active === 0 && !socket.destroyed) closeWhenIdle(socket, state);
      };
    },
    beforeHeaders(res) {
      if (closing && !res.headersSent) res.setHeader("Connection", "close");
    },
    shutdown(deadlineMs) {
      return new Promise((resolve) => {
        let settled = false;
        const deadline = setTimeout(() => {
          if (settled) return;
          settled = true;
          const forced = sockets.size;
          for (const socket of sockets.keys()) socket.destroy();
          resolve({ forced });
        }, deadlineMs);
        void acceptQueued().then(() => {
          // In the tick acceptQueued resolved in, before the loop polls again. net.Server's close:
          // stop listening without http.Server's immediate closeIdleConnections().
          closing = true;
          net.Server.prototype.close.call(server, () => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            resolve({ forced: 0 });
          });
          for (const [socket, state] of sockets) if (state.active === 0) closeWhenIdle(socket, state);
        });
      });
    },
  };
}
