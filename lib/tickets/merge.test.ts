import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getAttachmentForToken } from "@/lib/data/attachments";
import { getTicketForStaff } from "@/lib/data/ticket-detail";
import { resolveMergedTicket } from "@/lib/data/ticket-merge";
import { getTicketByToken } from "@/lib/data/tickets";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { changeProperties } from "@/lib/tickets/change-properties";
import { TicketError } from "@/lib/tickets/errors";
import { mergeTicket } from "@/lib/tickets/merge";
import { addReply } from "@/lib/tickets/reply";
import { addRequesterMessage } from "@/lib/tickets/requester-message";

const code = (p: Promise<unknown>) =>
  p.then(
    () => "no error",
    (e: unknown) => (e instanceof TicketError ? e.code : String(e)),
  );

describe("merging tickets", () => {
  it("moves the conversation and files to the survivor, closes the source, records both sides and mails the source's requester", async () => {
    const { user } = await createStaff({ name: "統合 担当" });
    const email = `same-${crypto.randomUUID()}@example.com`;
    const { ticket: source, token } = await createTicket({ email, locale: "en", name: "Li Wei", description: "Cannot log in (twice)", status: "open" });
    const { ticket: target } = await createTicket({ email: email.toUpperCase(), description: "Cannot log in" });
    await addReply(user, source.id, "Which browser?", "waiting");
    await db().attachment.create({ data: { ticketId: source.id, filename: "screen.png", contentType: "image/png", size: 4, sha256: "x", data: Buffer.from("abcd") } });
    const sourceVersion = (await db().ticket.findUniqueOrThrow({ where: { id: source.id } })).version;

    expect(await mergeTicket(user, source.id, target.reference, sourceVersion)).toEqual({ source: source.reference, target: target.reference });

    const s = await db().ticket.findUniqueOrThrow({ where: { id: source.id } });
    expect(s).toMatchObject({ status: "closed", mergedIntoId: target.id });
    expect(s.closedAt).not.toBeNull();
    expect(await db().ticketMessage.count({ where: { ticketId: source.id } })).toBe(0);
    expect(await db().attachment.count({ where: { ticketId: source.id } })).toBe(0);

    const survivor = (await getTicketForStaff(user, target.reference))!;
    expect(survivor.messages.map((m) => [m.authorType, m.visibility, m.body.split("\n")[0]])).toEqual([
      ["staff", "public", "Which browser?"],
      ["system", "internal", `${source.reference} を統合(依頼者: Li Wei <${email}>)`],
    ]);
    expect(survivor.attachments.map((a) => a.filename)).toEqual(["screen.png"]);
    expect(survivor.events.at(-1)).toMatchObject({ kind: "merged_from", after: { sourceReference: source.reference } });
    expect(survivor.mergedFrom.map((m) => [m.reference, m.events.map((e) => e.kind)])).toEqual([
      [source.reference, ["created", "reply", "status", "merged"]],
    ]);

    const mail = await db().outboxMail.findFirstOrThrow({ where: { ticketId: source.id, kind: "ticket-merged" } });
    expect(mail.to).toBe(email);
    expect(mail.subject).toBe(`[${source.reference}] Your request continues as ${target.reference}`);

    // The status link of the source: points to the survivor, shows its conversation (same person)...
    const seen = (await getTicketByToken(token))!;
    expect(seen.survivor).toEqual({ reference: target.reference });
    expect(seen.messages.map((m) => m.body)).toEqual(["Which browser?"]);
    // ...and what is written there lands on the survivor.
    const added = await addRequesterMessage(token, "Firefox", null);
    expect(added?.ticketId).toBe(target.id);
    expect(await db().ticketMessage.findFirstOrThrow({ where: { id: added!.messageId } })).toMatchObject({ ticketId: target.id, visibility: "public" });
    expect((await resolveMergedTicket(source.id))?.id).toBe(target.id);
  });

  it("keeps another person's messages from the survivor's requester", async () => {
    const { user } = await createStaff();
    const { ticket: source, token } = await createTicket({ status: "open" });
    const { ticket: target } = await createTicket();
    await addRequesterMessage(token, "private detail", null);
    const shot = await db().attachment.create({ data: { ticketId: source.id, filename: "mine.png", contentType: "image/png", size: 4, sha256: "x", data: Buffer.from("abcd") } });
    await mergeTicket(user, source.id, target.reference);
    expect(await db().ticketMessage.findMany({ where: { ticketId: target.id, visibility: "public" } })).toEqual([]);
    const seen = (await getTicketByToken(token))!;
    expect(seen.survivor?.reference).toBe(target.reference);
    expect(seen.messages).toEqual([]);
    expect(await getAttachmentForToken(token, shot.id)).toBeNull();
    const added = await addRequesterMessage(token, "another private detail", null);
    expect(await db().ticketMessage.findFirstOrThrow({ where: { id: added!.messageId } })).toMatchObject({ ticketId: target.id, visibility: "internal" });
  });

  it("refuses merging into itself, into a merged ticket, an unknown reference, a merged source, and a stale page", async () => {
    const { user } = await createStaff();
    const { ticket: a } = await createTicket();
    const { ticket: b } = await createTicket();
    const { ticket: c } = await createTicket();
    expect(await code(mergeTicket(user, a.id, a.reference))).toBe("merge-self");
    expect(await code(mergeTicket(user, a.id, "XX-2000-000000"))).toBe("merge-target");
    await mergeTicket(user, b.id, c.reference);
    expect(await code(mergeTicket(user, a.id, b.reference))).toBe("merge-target-merged");
    expect(await code(mergeTicket(user, b.id, a.reference))).toBe("merged");
    // The cycle c → a → c cannot form: a merged into c first, then c into a is "into a merged ticket".
    await mergeTicket(user, a.id, c.reference);
    expect(await code(mergeTicket(user, c.id, a.reference))).toBe("merge-target-merged");
    // Tickets merged into a source follow it: b (in c) and a (in c) stay one hop from their survivor.
    const { ticket: d } = await createTicket();
    await mergeTicket(user, c.id, d.reference);
    const pointers = await db().ticket.findMany({ where: { id: { in: [a.id, b.id, c.id] } }, select: { mergedIntoId: true } });
    expect(pointers.map((p) => p.mergedIntoId)).toEqual([d.id, d.id, d.id]);
    const { ticket: e } = await createTicket();
    const { ticket: f } = await createTicket();
    await changeProperties(user, e.id, { status: "open", priority: "normal", assigneeId: null }, e.version);
    expect(await code(mergeTicket(user, e.id, f.reference, e.version))).toBe("conflict");
  });

  it("staff work on a merged ticket is refused", async () => {
    const { user } = await createStaff();
    const { ticket: a } = await createTicket();
    const { ticket: b } = await createTicket();
    await mergeTicket(user, a.id, b.reference);
    expect(await code(addReply(user, a.id, "late", "keep"))).toBe("merged");
    expect(await code(changeProperties(user, a.id, { status: "open", priority: "normal", assigneeId: null }, undefined))).toBe("merged");
  });

  it("two opposite merges at once: one wins, the other is refused, no cycle", async () => {
    const { user } = await createStaff();
    const { ticket: a } = await createTicket();
    const { ticket: b } = await createTicket();
    const results = await Promise.all([code(mergeTicket(user, a.id, b.reference)), code(mergeTicket(user, b.id, a.reference))]);
    expect(results.sort()).toEqual(["merge-target-merged", "no error"].sort());
    const rows = await db().ticket.findMany({ where: { id: { in: [a.id, b.id] } }, select: { mergedIntoId: true } });
    expect(rows.filter((r) => r.mergedIntoId)).toHaveLength(1);
  });
});
