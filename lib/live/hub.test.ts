// The notifier against the real PostgreSQL: recordEvent's NOTIFY goes out at commit only, and one
// instance's LISTEN connection comes back after the database drops it.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createListenConnection, db, LISTEN_APPLICATION_NAME, pool } from "@/lib/db";
import { liveHub, RENDER_CLOCK_SLACK_MS, type LiveEvent, type Subscriber } from "@/lib/live/hub";
import { LIVE_CHANNEL, parseNotice, type Notice, type PresenceView, type TicketChange } from "@/lib/live/messages";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { recordEvent, staffActor } from "@/lib/tickets/events";
import { addNote } from "@/lib/tickets/note";
import { withOwnDatabase } from "@/lib/testing/temp-database";

let listener: pg.Client;
const heard: Notice[] = [];

// A database of its own: the hub hears every ticket change of its database, and the other test files
// running beside this one make hundreds (the intake fuzzing alone), which overflow the replay buffer
// these tests read.
withOwnDatabase("live", { beforeAll, afterAll });

beforeAll(async () => {
  listener = createListenConnection();
  listener.on("notification", (m) => {
    const notice = m.payload ? parseNotice(m.payload) : null;
    if (notice) heard.push(notice);
  });
  await listener.connect();
  await listener.query(`LISTEN ${LIVE_CHANNEL}`);
});

afterAll(async () => {
  await listener.end();
  await liveHub().stop();
});

const isMarker = (n: Notice) => n.t === "presence" && n.conn === "marker";

/** Commits a marker notice and waits for it: PostgreSQL delivers notices in commit order, so everything committed before has been heard. */
async function settle(): Promise<number> {
  const marker = randomUUID();
  await pool().query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify({ t: "presence", id: marker, staff: marker, conn: "marker", state: "left" })]);
  await expect.poll(() => heard.some((n) => n.t === "presence" && n.id === marker)).toBe(true);
  return heard.length;
}

/** The notices committed by `action` (and by concurrent tests: filter by id). */
async function heardAfter(action: () => Promise<unknown>): Promise<Notice[]> {
  const from = await settle();
  await action().catch(() => undefined);
  await settle();
  return heard.slice(from).filter((n) => !isMarker(n));
}

describe("ticket change notices", () => {
  it("a committed change notifies with ids and kind only", async () => {
    const { user } = await createStaff();
    const { ticket } = await createTicket();
    const notices = await heardAfter(() => addNote(user, ticket.id, `secret body ${randomUUID()}`));
    const mine = notices.filter((n) => n.t === "ticket" && n.id === ticket.id);
    expect(mine).toEqual([{ t: "ticket", id: ticket.id, ref: ticket.reference, kind: "note", actor: user.id }]);
  });

  it("a rolled-back change does not notify", async () => {
    const { user } = await createStaff();
    const { ticket } = await createTicket();
    const notices = await heardAfter(() =>
      db().$transaction(async (tx) => {
        await recordEvent(tx, ticket.id, staffActor(user), { kind: "note" });
        throw new Error("rolled back on purpose");
      }),
    );
    expect(notices.filter((n) => n.t === "ticket" && n.id === ticket.id)).toEqual([]);
  });

  it("a new ticket notifies once it is committed, without its placeholder reference", async () => {
    const notices = await heardAfter(() => createTicket());
    const created = notices.filter((n) => n.t === "ticket" && n.kind === "created");
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const n of created) if (n.t === "ticket") expect(n.ref ?? "").not.toMatch(/^pending:/);
  });
});

type Got = { event: LiveEvent; data: unknown; id?: string; at: number };

function recorder(ticketId?: string): Subscriber & { got: Got[]; closed: boolean } {
  const got: Got[] = [];
  const sub = {
    staffId: randomUUID(),
    ticketId,
    conn: randomUUID(),
    got,
    closed: false,
    deliver: (event: LiveEvent, data: unknown, id?: string) => void got.push({ event, data, id, at: Date.now() }),
    close: () => void (sub.closed = true),
  };
  return sub;
}

const changesOf = (sub: ReturnType<typeof recorder>, ticketId: string) =>
  sub.got.filter((g) => g.event === "ticket" && (g.data as TicketChange).ticketId === ticketId);

describe("the instance's hub", () => {
  it("fans a committed change out to the list stream and that ticket's stream only, and replays it after Last-Event-ID", async () => {
    const { user } = await createStaff();
    const { ticket } = await createTicket();
    const { ticket: other } = await createTicket();
    const list = recorder();
    const onTicket = recorder(ticket.id);
    const onOther = recorder(other.id);
    const unsubscribe = [liveHub().subscribe(list, null), liveHub().subscribe(onTicket, null), liveHub().subscribe(onOther, null)];
    await expect.poll(() => liveHub().listening).toBe(true);

    await addNote(user, ticket.id, "note");
    await expect.poll(() => changesOf(list, ticket.id).length).toBe(1);
    await expect.poll(() => changesOf(onTicket, ticket.id).length).toBe(1);
    expect(changesOf(onTicket, ticket.id)[0].data).toEqual({ ticketId: ticket.id, reference: ticket.reference, kind: "note", actorId: user.id });
    expect(changesOf(onOther, ticket.id)).toEqual([]);

    // A browser that saw the first change and reconnects gets the second one replayed.
    const seen = changesOf(onTicket, ticket.id)[0].id!;
    await addNote(user, ticket.id, "second note");
    await expect.poll(() => changesOf(list, ticket.id).length).toBe(2);
    const back = recorder(ticket.id);
    unsubscribe.push(liveHub().subscribe(back, seen));
    expect(changesOf(back, ticket.id).map((g) => g.id)).toEqual([changesOf(list, ticket.id)[1].id]);
    // A page rendered just before the second note and connecting only now still hears of it. "Just
    // before" is 1 ms: the hub began listening only moments before the first note, and a page rendered
    // before that is told to re-read instead (below), which on a fast machine is a 100 ms margin.
    const lateFirstConnect = recorder(ticket.id);
    const secondAt = changesOf(list, ticket.id)[1].at;
    unsubscribe.push(liveHub().subscribe(lateFirstConnect, null, secondAt + RENDER_CLOCK_SLACK_MS - 1));
    expect(changesOf(lateFirstConnect, ticket.id).map((g) => g.id)).toContain(changesOf(list, ticket.id)[1].id);
    // One rendered before this instance was listening cannot know what it missed: re-read.
    const ancient = recorder(ticket.id);
    unsubscribe.push(liveHub().subscribe(ancient, null, 1));
    expect(ancient.got.map((g) => g.event)).toEqual(expect.arrayContaining(["resync"]));
    expect(changesOf(ancient, ticket.id)).toEqual([]);
    // An id from another instance (or before a restart) cannot be replayed: re-read instead.
    const stranger = recorder(ticket.id);
    unsubscribe.push(liveHub().subscribe(stranger, "otherboot.12"));
    expect(stranger.got.map((g) => g.event)).toContain("resync");
    for (const u of unsubscribe) u();
  });

  it("shows a ticket's viewers to each other, not to themselves", async () => {
    const [{ user: a }, { user: b }] = [await createStaff({ name: `閲覧 A ${randomUUID().slice(0, 4)}` }), await createStaff({ name: `閲覧 B ${randomUUID().slice(0, 4)}` })];
    const { ticket } = await createTicket();
    const subA = { ...recorder(ticket.id), staffId: a.id };
    const subB = { ...recorder(ticket.id), staffId: b.id };
    const lastPresence = (sub: { got: { event: LiveEvent; data: unknown }[] }) => sub.got.filter((g) => g.event === "presence").at(-1)?.data as PresenceView | undefined;
    const offA = liveHub().subscribe(subA, null);
    const offB = liveHub().subscribe(subB, null);
    await expect.poll(() => lastPresence(subA)?.viewing.map((v) => v.name)).toEqual([b.name]);
    await expect.poll(() => lastPresence(subB)?.viewing.map((v) => v.name)).toEqual([a.name]);
    offB();
    await expect.poll(() => lastPresence(subA)?.viewing).toEqual([]);
    offA();
  });

  it("listens again after the database drops its connection, and tells its streams to re-read", async () => {
    const { user } = await createStaff();
    const { ticket } = await createTicket();
    const sub = recorder();
    const off = liveHub().subscribe(sub, null);
    await expect.poll(() => liveHub().listening).toBe(true);
    const resyncs = () => sub.got.filter((g) => g.event === "resync").length;
    const before = resyncs();

    const { rows } = await pool().query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() AND pid <> pg_backend_pid() AND pid <> $2`,
      [LISTEN_APPLICATION_NAME, (listener as unknown as { processID: number }).processID],
    );
    expect(rows.some((r) => r.ended)).toBe(true);
    await expect.poll(resyncs, { timeout: 15_000 }).toBe(before + 1);

    await addNote(user, ticket.id, "after the reconnect");
    // The note only: the ticket's "created" notice may reach the hub after the subscription, under load.
    await expect.poll(() => changesOf(sub, ticket.id).filter((g) => (g.data as TicketChange).kind === "note").length).toBe(1);
    off();
  });
});
