import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { bulkUpdate } from "@/lib/tickets/bulk-update";
import { changeProperties } from "@/lib/tickets/change-properties";
import { describeChange } from "@/lib/tickets/describe-change";
import { TicketError } from "@/lib/tickets/errors";
import { addNote } from "@/lib/tickets/note";
import { addReply } from "@/lib/tickets/reply";
import { addRequesterMessage } from "@/lib/tickets/requester-message";

const version = async (id: string) => (await db().ticket.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

async function refusal(p: Promise<unknown>): Promise<TicketError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TicketError);
  return error as TicketError;
}

describe("ticket versions", () => {
  it("every change bumps the version, whoever makes it, and each event keeps the version it made", async () => {
    const { user } = await createStaff();
    const { ticket, token } = await createTicket({ status: "waiting" });
    expect(ticket.version).toBe(1);
    await addNote(user, ticket.id, "note", { baseVersion: 1 });
    await addReply(user, ticket.id, "reply", "keep", { baseVersion: 2 });
    await addRequesterMessage(token, "from the requester", null);
    await changeProperties(user, ticket.id, { status: "resolved", priority: "high", assigneeId: user.id }, await version(ticket.id));
    const events = await db().ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { version: "asc" }, select: { kind: true, version: true } });
    // created, note, reply, requester_message, status (waiting → open by the reopen rule), then the form's three
    expect(events.map((e) => e.kind)).toEqual(["created", "note", "reply", "requester_message", "status", "status", "priority", "assignee"]);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await version(ticket.id)).toBe(8);
  });

  it("refuses a properties form based on an old version, says who changed what, and changes nothing", async () => {
    const { user: yamada } = await createStaff({ name: "山田 一郎" });
    const { user: sato } = await createStaff({ name: "佐藤 花子" });
    const { user: other } = await createStaff({ name: "鈴木 次郎" });
    const { ticket } = await createTicket();
    const base = ticket.version;
    await changeProperties(yamada, ticket.id, { status: "new", priority: "normal", assigneeId: yamada.id }, base);
    const error = await refusal(changeProperties(sato, ticket.id, { status: "open", priority: "high", assigneeId: other.id }, base));
    expect(error.code).toBe("conflict");
    expect(error.changes.map(describeChange)).toEqual([expect.stringMatching(/^\d{2}:\d{2} 山田 一郎 さんが担当者を「未割り当て」から「山田 一郎」に変更しました。$/)]);
    const now = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(now).toMatchObject({ status: "new", priority: "normal", assigneeId: yamada.id });
    // Applying on top of the new state (the version the refusal's page shows) goes through.
    await changeProperties(sato, ticket.id, { status: "open", priority: "high", assigneeId: other.id }, now.version);
    expect(await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "open", priority: "high", assigneeId: other.id });
  });

  it("lets a properties form through after changes that do not touch properties", async () => {
    const { user } = await createStaff();
    const { ticket } = await createTicket();
    await addNote(user, ticket.id, "looking into it", { baseVersion: ticket.version });
    await changeProperties(user, ticket.id, { status: "open", priority: "normal", assigneeId: null }, ticket.version);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
  });

  it("refuses a reply after a new message or a status change but not after an assignee change, and sends no mail", async () => {
    const { user: a } = await createStaff({ name: "A 担当" });
    const { user: b } = await createStaff();
    const { ticket, token } = await createTicket({ status: "open" });
    await changeProperties(a, ticket.id, { status: "open", priority: "normal", assigneeId: a.id }, ticket.version);
    await addReply(b, ticket.id, "still fine", "keep", { baseVersion: ticket.version });
    const seen = await version(ticket.id);
    await addRequesterMessage(token, "It works now, thanks", null);
    const error = await refusal(addReply(b, ticket.id, "Did you try restarting?", "waiting", { baseVersion: seen }));
    expect(error.code).toBe("conflict");
    expect(error.changes.map(describeChange)).toEqual([expect.stringContaining("依頼者から新しいメッセージが届きました。")]);
    expect(await db().outboxMail.count({ where: { ticketId: ticket.id, text: { contains: "restarting" } } })).toBe(0);
    await expect(addNote(b, ticket.id, "stale note", { baseVersion: seen })).rejects.toThrow(TicketError);
  });

  it("of two changes from the same base version, exactly one wins", async () => {
    const { user: a } = await createStaff();
    const { user: b } = await createStaff();
    const { ticket } = await createTicket();
    const results = await Promise.allSettled([
      changeProperties(a, ticket.id, { status: "new", priority: "normal", assigneeId: a.id }, ticket.version),
      changeProperties(b, ticket.id, { status: "new", priority: "normal", assigneeId: b.id }, ticket.version),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect(await db().ticketEvent.count({ where: { ticketId: ticket.id, kind: "assignee" } })).toBe(1);
  });

  it("refuses a version the ticket never had", async () => {
    const { user } = await createStaff();
    const { ticket } = await createTicket();
    expect((await refusal(changeProperties(user, ticket.id, { status: "open", priority: "normal", assigneeId: null }, 99))).code).toBe("conflict");
  });

  it("bulk changes skip tickets whose properties moved since the list was shown", async () => {
    const { user } = await createStaff();
    const { ticket: still } = await createTicket();
    const { ticket: moved } = await createTicket();
    await changeProperties(user, moved.id, { status: "new", priority: "urgent", assigneeId: null }, moved.version);
    const result = await bulkUpdate(user, [still.id, moved.id], { action: "status", status: "open" }, { [still.id]: still.version, [moved.id]: moved.version });
    expect(result).toEqual({ changed: 1, skipped: 0, moved: 1 });
    expect((await db().ticket.findUniqueOrThrow({ where: { id: moved.id } })).status).toBe("new");
  });
});
