// Live updates of one app instance: ONE dedicated LISTEN connection, fanned out to the instance's
// open SSE streams (app/api/admin/live/route.ts), and the presence of staff on tickets, shared with
// the other instances through the same channel. See docs/decisions/0020-live-updates.md.
//
// Lives on globalThis: Next's route bundles each load their own copy of this module, and there must
// be one connection per process, not one per bundle.
import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { createListenConnection, pool } from "@/lib/db";
import { listStaffNames } from "@/lib/data/staff";
import {
  LIVE_CHANNEL,
  parseNotice,
  REPLYING_TTL_MS,
  VIEWING_ANNOUNCE_MS,
  VIEWING_TTL_MS,
  type Notice,
  type PresenceView,
  type TicketChange,
} from "@/lib/live/messages";
import { log } from "@/lib/log";
import { onShutdown, onShutdownStart } from "@/lib/shutdown";

export type LiveEvent = "ticket" | "presence" | "resync";

export type Subscriber = {
  staffId: string;
  /** Set on a ticket's page: the stream then carries that ticket's changes and presence only. */
  ticketId?: string;
  /** Unique per stream, so that two tabs of one person come and go independently. */
  conn: string;
  deliver(event: LiveEvent, data: unknown, id?: string): void;
  /** The instance is shutting down: end the response (the browser reconnects, to another instance). */
  close(): void;
};

type TicketPresence = { viewers: Map<string, { staff: string; expires: number }>; replying: Map<string, number> };

const RECENT = 500;
const RECONNECT_MAX_MS = 5_000;
const SWEEP_MS = 2_000;
const NAME_CACHE_MS = 60_000;
export const RENDER_CLOCK_SLACK_MS = 2_000;

class LiveHub {
  private readonly boot = randomUUID().slice(0, 8);
  private seq = 0;
  private readonly recent: { seq: number; at: number; change: TicketChange }[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private readonly presence = new Map<string, TicketPresence>();
  private readonly names = new Map<string, { name: string; at: number }>();
  private readonly pendingPresence = new Set<string>();
  private client: pg.Client | null = null;
  private readonly dead = new WeakSet<pg.Client>();
  private everConnected = false;
  /** When the current LISTEN connection began: nothing committed before it can be replayed. */
  private listeningSince = Number.POSITIVE_INFINITY;
  private reconnectDelay = 250;
  private reconnectTimer?: NodeJS.Timeout;
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private stopped = false;

  /** Whether the LISTEN connection is up (the tests wait for it). */
  get listening(): boolean {
    return this.client !== null;
  }

  start() {
    if (this.started) return;
    this.started = true;
    this.timers.push(setInterval(() => this.sweep(), SWEEP_MS), setInterval(() => this.announceLocalViewers(), VIEWING_ANNOUNCE_MS));
    for (const t of this.timers) t.unref();
    void this.connect();
  }

  private async connect() {
    if (this.stopped) return;
    const client = createListenConnection();
    client.on("notification", (message) => {
      if (message.channel === LIVE_CHANNEL && message.payload) this.onNotice(message.payload);
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.stopped || this.dead.has(client)) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.listeningSince = Date.now();
    this.reconnectDelay = 250;
    if (this.everConnected) log.info("live updates: listening again");
    this.everConnected = true;
    // Whatever was committed while we were not listening (down, or not yet up when a stream came) is
    // lost to us: every open view re-reads.
    for (const sub of this.subscribers) sub.deliver("resync", {});
    await this.publish({ t: "sync" });
    this.announceLocalViewers();
  }

  private lost(client: pg.Client, error?: unknown) {
    if (this.dead.has(client)) return;
    this.dead.add(client);
    if (this.client === client) {
      this.client = null;
      this.listeningSince = Number.POSITIVE_INFINITY;
    }
    client.end().catch(() => {});
    if (this.stopped) return;
    log.warn({ err: error instanceof Error ? error.message : error ? String(error) : "closed" }, "live updates: LISTEN connection lost; reconnecting");
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), this.reconnectDelay);
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
  }

  /** Sends through the pool: the LISTEN connection may be down, and a NOTIFY needs no subscription. */
  async publish(notice: Notice) {
    try {
      await pool().query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(notice)]);
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "live updates: could not publish");
    }
  }

  private onNotice(payload: string) {
    const notice = parseNotice(payload);
    if (!notice) return;
    if (notice.t === "ticket") {
      const change: TicketChange = { ticketId: notice.id, reference: notice.ref, kind: notice.kind, actorId: notice.actor };
      const seq = ++this.seq;
      this.recent.push({ seq, at: Date.now(), change });
      if (this.recent.length > RECENT) this.recent.shift();
      for (const sub of this.subscribers) if (!sub.ticketId || sub.ticketId === change.ticketId) sub.deliver("ticket", change, `${this.boot}.${seq}`);
      return;
    }
    if (notice.t === "sync") {
      this.announceLocalViewers();
      return;
    }
    const entry = this.presenceOf(notice.id);
    const now = Date.now();
    if (notice.state === "left") entry.viewers.delete(notice.conn);
    else if (notice.state === "viewing") entry.viewers.set(notice.conn, { staff: notice.staff, expires: now + VIEWING_TTL_MS });
    else entry.replying.set(notice.staff, now + REPLYING_TTL_MS);
    this.presenceChanged(notice.id);
  }

  private presenceOf(ticketId: string): TicketPresence {
    let entry = this.presence.get(ticketId);
    if (!entry) {
      entry = { viewers: new Map(), replying: new Map() };
      this.presence.set(ticketId, entry);
    }
    return entry;
  }

  private sweep() {
    const now = Date.now();
    for (const [ticketId, entry] of this.presence) {
      let changed = false;
      for (const [conn, v] of entry.viewers) if (v.expires <= now) changed = entry.viewers.delete(conn) || changed;
      for (const [staff, until] of entry.replying) if (until <= now) changed = entry.replying.delete(staff) || changed;
      if (changed) this.presenceChanged(ticketId);
      else if (!entry.viewers.size && !entry.replying.size) this.presence.delete(ticketId);
    }
  }

  private announceLocalViewers() {
    for (const sub of this.subscribers) if (sub.ticketId) void this.publish({ t: "presence", id: sub.ticketId, staff: sub.staffId, conn: sub.conn, state: "viewing" });
  }

  /** Coalesces a burst of presence notices into one update per ticket. */
  private presenceChanged(ticketId: string) {
    if (this.pendingPresence.has(ticketId)) return;
    this.pendingPresence.add(ticketId);
    setTimeout(() => {
      this.pendingPresence.delete(ticketId);
      void this.pushPresence(ticketId);
    }, 50);
  }

  private async pushPresence(ticketId: string, only?: Subscriber) {
    const targets = [...this.subscribers].filter((s) => s.ticketId === ticketId && (!only || s === only));
    if (!targets.length) return;
    const entry = this.presence.get(ticketId);
    const now = Date.now();
    const viewing = new Set([...(entry?.viewers.values() ?? [])].filter((v) => v.expires > now).map((v) => v.staff));
    const replying = new Set([...(entry?.replying ?? [])].filter(([, until]) => until > now).map(([staff]) => staff));
    const names = await this.namesOf([...new Set([...viewing, ...replying])]);
    const list = (ids: Set<string>, me: string) =>
      [...ids].filter((id) => id !== me && names.has(id)).map((id) => ({ id, name: names.get(id)! })).sort((a, b) => a.name.localeCompare(b.name, "ja"));
    for (const sub of targets) {
      const view: PresenceView = { viewing: list(viewing, sub.staffId), replying: list(replying, sub.staffId) };
      sub.deliver("presence", view);
    }
  }

  /** Names of active staff only: a deactivated account drops out of everyone's presence list. */
  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const now = Date.now();
    const missing = ids.filter((id) => (this.names.get(id)?.at ?? 0) + NAME_CACHE_MS < now);
    if (missing.length) {
      try {
        const found = new Map((await listStaffNames(missing)).map((s) => [s.id, s.name]));
        for (const id of missing) {
          const name = found.get(id);
          if (name) this.names.set(id, { name, at: now });
          else this.names.delete(id);
        }
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, "live updates: could not read staff names");
      }
    }
    return new Map(ids.flatMap((id) => (this.names.has(id) ? [[id, this.names.get(id)!.name] as const] : [])));
  }

  /**
   * Adds a stream. `lastEventId` is what the browser's EventSource sends when it reconnects: the
   * changes since then are replayed from this instance's memory when it still holds them all;
   * otherwise the stream is told to re-read (a restart, another instance, or too long away).
   * `renderedAt` (a first connection) is when the page was rendered: what happened between then and
   * now is replayed the same way, so a change in that gap is not missed.
   */
  subscribe(sub: Subscriber, lastEventId: string | null, renderedAt?: number): () => void {
    this.start();
    this.subscribers.add(sub);
    if (lastEventId) this.replay(sub, lastEventId);
    else if (renderedAt !== undefined) this.replaySince(sub, renderedAt);
    if (sub.ticketId) {
      this.presenceOf(sub.ticketId).viewers.set(sub.conn, { staff: sub.staffId, expires: Date.now() + VIEWING_TTL_MS });
      void this.publish({ t: "presence", id: sub.ticketId, staff: sub.staffId, conn: sub.conn, state: "viewing" });
      void this.pushPresence(sub.ticketId, sub);
    }
    return () => {
      if (!this.subscribers.delete(sub)) return;
      if (sub.ticketId) {
        this.presence.get(sub.ticketId)?.viewers.delete(sub.conn);
        void this.publish({ t: "presence", id: sub.ticketId, staff: sub.staffId, conn: sub.conn, state: "left" });
      }
    };
  }

  private replaySince(sub: Subscriber, renderedAt: number) {
    // Not listening yet (or again): connect() tells every stream to re-read once it is.
    if (!this.listening) return;
    // The page may have been rendered by another instance: allow for clocks a little apart (a
    // change replayed twice only costs one more refresh).
    const from = renderedAt - RENDER_CLOCK_SLACK_MS;
    const overflowed = this.recent.length >= RECENT && this.recent[0].at > from;
    if (from < this.listeningSince || overflowed) {
      sub.deliver("resync", {});
      return;
    }
    for (const r of this.recent) {
      if (r.at >= from && (!sub.ticketId || sub.ticketId === r.change.ticketId)) sub.deliver("ticket", r.change, `${this.boot}.${r.seq}`);
    }
  }

  private replay(sub: Subscriber, lastEventId: string) {
    const [boot, seqText] = lastEventId.split(".");
    const seq = Number(seqText);
    const oldest = this.recent[0]?.seq ?? this.seq + 1;
    if (boot !== this.boot || !Number.isInteger(seq) || seq > this.seq || seq + 1 < oldest) {
      sub.deliver("resync", {});
      return;
    }
    for (const r of this.recent) {
      if (r.seq > seq && (!sub.ticketId || sub.ticketId === r.change.ticketId)) sub.deliver("ticket", r.change, `${this.boot}.${r.seq}`);
    }
  }

  /** Graceful shutdown, first step: end every stream so the drain does not wait for them. */
  closeStreams() {
    for (const sub of [...this.subscribers]) sub.close();
  }

  async stop() {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      this.dead.add(client);
      await client.end().catch(() => {});
    }
  }
}

const KEY = Symbol.for("tebiki.live-hub");
const holder = globalThis as unknown as Record<symbol, LiveHub | undefined>;

export function liveHub(): LiveHub {
  let hub = holder[KEY];
  if (!hub) {
    const created = new LiveHub();
    hub = holder[KEY] = created;
    onShutdownStart(() => created.closeStreams());
    onShutdown(() => created.stop());
  }
  return hub;
}

/** Reports that a staff member is typing a reply on a ticket (the browser calls this every few seconds while typing). */
export function announceReplying(staffId: string, ticketId: string) {
  return liveHub().publish({ t: "presence", id: ticketId, staff: staffId, conn: "reply", state: "replying" });
}
