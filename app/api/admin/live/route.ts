// Server-Sent Events for the staff views: ticket changes (all tickets on the list, one ticket on its
// page) and who else is on that ticket. Hints only: the browser re-reads through the guarded pages.
// docs/decisions/0020-live-updates.md.
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { guardStream } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { liveHub, type LiveEvent } from "@/lib/live/hub";

export const dynamic = "force-dynamic";

/** Keeps proxies from timing the idle stream out, and notices a vanished browser. */
const HEARTBEAT_MS = 15_000;
/** A deactivated account or an ended session loses its open stream within this. */
const RECHECK_MS = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A stopped database answers 503 at connect (0011); EventSource gives up on it, so
// components/admin/live-updates.tsx opens a new one later.
export const GET = withDatabaseOutage(async function GET(request: NextRequest) {
  const guard = await guardStream("staff");
  if (guard.response) return guard.response;
  const ticket = request.nextUrl.searchParams.get("ticket");
  if (ticket !== null && !UUID.test(ticket)) {
    return Response.json({ error: "invalid ticket" }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  // When the page was rendered (ms since the epoch): changes since then are replayed on a first connect.
  const rendered = Number(request.nextUrl.searchParams.get("since"));
  const renderedAt = Number.isSafeInteger(rendered) && rendered > 0 ? rendered : undefined;
  const { user, stillAllowed, expiresAt } = guard;
  const encoder = new TextEncoder();
  let finish = () => {};

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let unsubscribe = () => {};
      const timers: NodeJS.Timeout[] = [];
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      finish = () => {
        if (!open) return;
        open = false;
        for (const t of timers) clearTimeout(t);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the browser going away.
        }
      };
      /** The account may no longer use the stream: say so, so that the browser does not reconnect. */
      const refuse = () => {
        write(`event: end\ndata: {"reason":"session"}\n\n`);
        finish();
      };

      write(`retry: 3000\n\n`);
      unsubscribe = liveHub().subscribe(
        {
          staffId: user.id,
          ticketId: ticket ?? undefined,
          conn: randomUUID(),
          deliver: (event: LiveEvent, data: unknown, id?: string) => write(`${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
          close: finish,
        },
        request.headers.get("last-event-id"),
        renderedAt,
      );
      // Closed while subscribing (the browser already gone): leave no subscriber behind.
      if (!open) unsubscribe();
      timers.push(setInterval(() => write(`: ping\n\n`), HEARTBEAT_MS));
      let checking = false;
      timers.push(
        setInterval(() => {
          if (checking) return;
          checking = true;
          stillAllowed()
            .then((ok) => (ok ? undefined : refuse()))
            // A database outage is not a refusal; the next check decides.
            .catch(() => undefined)
            .finally(() => (checking = false));
        }, RECHECK_MS),
      );
      // The session's own end: close without "end", so the browser reconnects and its cookie decides.
      timers.push(setTimeout(finish, Math.min(Math.max(expiresAt - Date.now(), 0), 2 ** 31 - 1)));
      request.signal.addEventListener("abort", () => finish());
    },
    cancel() {
      finish();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: no proxy (or compression layer) may hold the stream back.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
