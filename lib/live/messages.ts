// The vocabulary of live updates, shared by the server (NOTIFY payloads, SSE events) and the browser.
// No server-only import: the client component reads the SSE event types from here.

/** The one PostgreSQL channel every instance LISTENs on (docs/decisions/0020-live-updates.md). */
export const LIVE_CHANNEL = "tebiki_live";

/** How often an open ticket view re-announces itself, and when an unannounced one counts as gone. */
export const VIEWING_ANNOUNCE_MS = 15_000;
export const VIEWING_TTL_MS = 40_000;
/** A "replying" mark lasts this long after the last keystroke the browser reported. */
export const REPLYING_TTL_MS = 10_000;
/** The browser reports typing at most this often. */
export const REPLYING_REPORT_MS = 3_000;

/** NOTIFY payloads: ids and kinds only, never names or message bodies. */
export type Notice =
  | { t: "ticket"; id: string; ref: string | null; kind: string; actor: string | null }
  | { t: "presence"; id: string; staff: string; conn: string; state: "viewing" | "replying" | "left" }
  // A freshly (re)connected instance asks the others to announce their viewers again.
  | { t: "sync" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (v: unknown): v is string => typeof v === "string" && UUID.test(v);
const isShort = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;

/** Another process may share the channel: anything not exactly one of ours is dropped. */
export function parseNotice(payload: string): Notice | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object") return null;
  const n = raw as Record<string, unknown>;
  if (n.t === "sync") return { t: "sync" };
  if (n.t === "ticket" && isId(n.id) && isShort(n.kind) && (n.ref === null || isShort(n.ref)) && (n.actor === null || isId(n.actor))) {
    return { t: "ticket", id: n.id, ref: n.ref, kind: n.kind, actor: n.actor };
  }
  if (n.t === "presence" && isId(n.id) && isId(n.staff) && isShort(n.conn) && (n.state === "viewing" || n.state === "replying" || n.state === "left")) {
    return { t: "presence", id: n.id, staff: n.staff, conn: n.conn, state: n.state };
  }
  return null;
}

/** SSE `event: ticket`. */
export type TicketChange = { ticketId: string; reference: string | null; kind: string; actorId: string | null };
/** SSE `event: presence`: the other staff members on the ticket (the receiver is left out). */
export type PresenceView = { viewing: { id: string; name: string }[]; replying: { id: string; name: string }[] };
