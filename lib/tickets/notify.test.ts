// Who gets which notification (docs/decisions/0022): followers of the ticket's guide, the assignee,
// never the actor, never a deactivated account, as each chose (in-app and/or mail), and only when the
// change commits. Plus the reply mail's own status link and the one sign-off.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getGuideDeclaration } from "@/lib/content";
import { db } from "@/lib/db";
import {
  countUnreadNotifications,
  getNotificationChoices,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  saveNotificationSettings,
} from "@/lib/data/notifications";
import { getSignOff, updateSignOff } from "@/lib/data/settings";
import { getTicketByToken } from "@/lib/data/tickets";
import { genericForm } from "@/lib/guides/generic-form";
import { DEFAULT_CHOICES } from "@/lib/notifications/kinds";
import { buildTicketInput, createStaff, createTicket } from "@/lib/testing/factories";
import { bulkUpdate } from "@/lib/tickets/bulk-update";
import { applyAssignee, changeAssignee } from "@/lib/tickets/change-properties";
import { createTicketFromIntake } from "@/lib/tickets/create-ticket";
import { lockTicket } from "@/lib/tickets/lock";
import { addReply } from "@/lib/tickets/reply";
import { addRequesterMessage } from "@/lib/tickets/requester-message";

// A draft guide no other test files tickets under, so the follows made here touch no other test.
const GUIDE = "wifi";
const followers: string[] = [];
afterAll(async () => {
  await db().guideFollow.deleteMany({ where: { staffId: { in: followers } } });
});

async function staff(options: { active?: boolean; follows?: string[]; mail?: boolean; inApp?: boolean } = {}) {
  const { user } = await createStaff({ active: options.active, name: `通知 ${randomUUID().slice(0, 6)}` });
  if (options.follows || options.mail !== undefined || options.inApp !== undefined) {
    const choices = { ...DEFAULT_CHOICES };
    for (const kind of Object.keys(choices) as (keyof typeof choices)[]) {
      choices[kind] = { inApp: options.inApp ?? choices[kind].inApp, mail: options.mail ?? choices[kind].mail };
    }
    await saveNotificationSettings(user, choices, options.follows ?? []);
    followers.push(user.id);
  }
  return user;
}

const notes = (staffId: string, ticketId: string) =>
  db().notification.findMany({ where: { staffId, ticketId }, select: { kind: true, readAt: true } });
const mailsTo = (to: string) => db().outboxMail.findMany({ where: { to }, select: { kind: true, subject: true, text: true } });

async function intake(guideId: string) {
  const input = buildTicketInput(undefined, getGuideDeclaration(guideId)!);
  return createTicketFromIntake(input, { mail: (reference, _token, signOff) => ({ kind: "confirmation", to: input.email, subject: reference, text: signOff.ja }) });
}

describe("new ticket in a followed guide", () => {
  it("notifies the guide's active followers as they chose, and nobody else", async () => {
    const inApp = await staff({ follows: [GUIDE] });
    const both = await staff({ follows: [GUIDE], mail: true });
    const mailOnly = await staff({ follows: [GUIDE], mail: true, inApp: false });
    const other = await staff({ follows: ["jaist-sso-not-this"] });
    const gone = await staff({ follows: [GUIDE], mail: true });
    await db().staffUser.update({ where: { id: gone.id }, data: { active: false } });

    const created = await intake(GUIDE);
    expect((await notes(inApp.id, created.ticketId)).map((n) => n.kind)).toEqual(["new_ticket"]);
    expect(await mailsTo(inApp.email)).toEqual([]);
    expect((await notes(both.id, created.ticketId)).map((n) => n.kind)).toEqual(["new_ticket"]);
    const [mail] = await mailsTo(both.email);
    expect(mail).toMatchObject({ kind: "notify-new_ticket", subject: `[Tebiki] 新しいお問い合わせ: ${created.reference}` });
    expect(mail.text).toContain(`/admin/tickets/${created.reference}`);
    expect(await notes(mailOnly.id, created.ticketId)).toEqual([]);
    expect(await mailsTo(mailOnly.email)).toHaveLength(1);
    expect(await notes(other.id, created.ticketId)).toEqual([]);
    expect(await notes(gone.id, created.ticketId)).toEqual([]);
    expect(await mailsTo(gone.email)).toEqual([]);
  });

  it("notifies followers of \"no guide\" about tickets from the generic form", async () => {
    const me = await staff({ follows: ["none"] });
    followers.push(me.id);
    const topic = genericForm().form.fields[0];
    const value = "options" in topic && topic.options ? topic.options[0].value : "other";
    const input = { ...buildTicketInput(), referencePrefix: "GEN", guideId: null, path: [], walk: [], endStep: null, pathAnswers: {}, answers: { topic: value } };
    const created = await createTicketFromIntake(input, { mail: (reference) => ({ kind: "confirmation", to: input.email, subject: reference, text: "t" }) });
    expect((await notes(me.id, created.ticketId)).map((n) => n.kind)).toEqual(["new_ticket"]);
    // Unfollowing stops it.
    await saveNotificationSettings(me, await getNotificationChoices(me), []);
    const again = await createTicketFromIntake({ ...input, email: `x-${randomUUID()}@example.com` }, { mail: (reference) => ({ kind: "confirmation", to: input.email, subject: reference, text: "t" }) });
    expect(await notes(me.id, again.ticketId)).toEqual([]);
  });
});

describe("requester answer", () => {
  it("notifies the assignee (in-app and mail by default); on an unassigned ticket or one of a deactivated assignee, the guide's followers", async () => {
    const assignee = await staff();
    const admin = await staff();
    const follower = await staff({ follows: [GUIDE] });
    const { ticket, token } = await createTicket(buildTicketInput(undefined, getGuideDeclaration(GUIDE)!));
    await changeAssignee(admin, ticket.id, assignee.id);
    await db().notification.deleteMany({ where: { staffId: assignee.id } });
    await db().outboxMail.deleteMany({ where: { to: assignee.email } });

    expect(await addRequesterMessage(token, "まだログインできません", null)).toBeTruthy();
    expect((await notes(assignee.id, ticket.id)).map((n) => n.kind)).toEqual(["requester_message"]);
    expect((await mailsTo(assignee.email)).map((m) => m.kind)).toEqual(["notify-requester_message"]);
    // Not the follower: the assignee owns this answer.
    expect(await notes(follower.id, ticket.id)).toEqual([]);

    const { ticket: loose, token: looseToken } = await createTicket(buildTicketInput(undefined, getGuideDeclaration(GUIDE)!));
    await addRequesterMessage(looseToken, "hello", null);
    expect((await notes(follower.id, loose.id)).map((n) => n.kind)).toEqual(["requester_message"]);
    expect((await mailsTo(follower.email)).find((m) => m.text.includes(loose.reference))?.text).toContain("担当者がいないため");
    expect(await notes(admin.id, loose.id)).toEqual([]);

    await db().staffUser.update({ where: { id: assignee.id }, data: { active: false } });
    await addRequesterMessage(token, "もう一度", null);
    expect(await notes(assignee.id, ticket.id)).toHaveLength(1);
    expect(await mailsTo(assignee.email)).toHaveLength(1);
    expect((await notes(follower.id, ticket.id)).map((n) => n.kind)).toEqual(["requester_message"]);
  });
});

describe("assigned to me", () => {
  it("notifies the new assignee when someone else assigns, singly or in bulk, never for taking a ticket oneself", async () => {
    const admin = await staff();
    const agent = await staff({ mail: false });
    const { ticket: a } = await createTicket();
    const { ticket: b } = await createTicket();
    await changeAssignee(admin, a.id, agent.id);
    expect((await notes(agent.id, a.id)).map((n) => n.kind)).toEqual(["assigned"]);
    expect(await mailsTo(agent.email)).toEqual([]);

    await changeAssignee(admin, b.id, admin.id);
    expect(await db().notification.count({ where: { ticketId: b.id } })).toBe(0);
    expect(await mailsTo(admin.email)).toEqual([]);

    await bulkUpdate(admin, [b.id], { action: "assign", assigneeId: agent.id });
    expect((await notes(agent.id, b.id)).map((n) => n.kind)).toEqual(["assigned"]);
    await bulkUpdate(agent, [a.id], { action: "assign", assigneeId: agent.id });
    expect(await notes(agent.id, a.id)).toHaveLength(1);
  });

  it("notifies nobody when the change rolls back", async () => {
    const admin = await staff();
    const agent = await staff();
    const { ticket } = await createTicket();
    await expect(
      db().$transaction(async (tx) => {
        await applyAssignee(tx, admin, await lockTicket(tx, ticket.id), agent.id, new Date());
        expect(await tx.notification.count({ where: { staffId: agent.id } })).toBe(1);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await db().notification.count({ where: { staffId: agent.id } })).toBe(0);
    expect(await mailsTo(agent.email)).toEqual([]);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assigneeId).toBeNull();
  });
});

describe("reading notifications", () => {
  it("lists, counts and marks only my own", async () => {
    const admin = await staff();
    const me = await staff();
    const other = await staff();
    const { ticket: a } = await createTicket();
    const { ticket: b } = await createTicket();
    await changeAssignee(admin, a.id, me.id);
    await changeAssignee(admin, b.id, me.id);
    await changeAssignee(admin, b.id, other.id);
    const mine = await listNotifications(me);
    expect(mine.map((n) => n.ticket.reference).sort()).toEqual([a.reference, b.reference].sort());
    expect(await countUnreadNotifications(me)).toBe(2);
    const theirs = (await listNotifications(other))[0];
    expect(await markNotificationRead(me, theirs.id)).toBe(false);
    expect(await countUnreadNotifications(other)).toBe(1);
    expect(await markNotificationRead(me, mine[0].id)).toBe(true);
    expect(await countUnreadNotifications(me)).toBe(1);
    expect(await markAllNotificationsRead(me)).toBe(1);
    expect(await countUnreadNotifications(me)).toBe(0);
    expect(await countUnreadNotifications(other)).toBe(1);
  });
});

describe("status links in reply mails", () => {
  it("each reply mail carries a fresh live link; the confirmation link keeps working; expired links open nothing", async () => {
    const agent = await staff();
    const { ticket, token } = await createTicket({ locale: "en" });
    await addReply(agent, ticket.id, "First reply", "keep");
    await addReply(agent, ticket.id, "Second reply", "keep");
    const mails = await db().outboxMail.findMany({ where: { ticketId: ticket.id, kind: "staff-reply" }, orderBy: { createdAt: "asc" } });
    const links = mails.map((m) => /\/en\/requests\/([A-Za-z0-9_-]{22})/.exec(m.text)?.[1]);
    expect(links).toHaveLength(2);
    expect(new Set([...links, token]).size).toBe(3);
    for (const t of [token, ...links]) expect((await getTicketByToken(t!))?.id).toBe(ticket.id);
    // Only hashes are stored.
    const stored = await db().ticketStatusToken.findMany({ where: { ticketId: ticket.id } });
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(links[0]);
    await db().ticketStatusToken.updateMany({ where: { ticketId: ticket.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getTicketByToken(links[0]!)).toBeNull();
    expect(await addRequesterMessage(links[1]!, "late", null)).toBeNull();
    expect((await getTicketByToken(token))?.id).toBe(ticket.id);
  });
});

describe("the sign-off", () => {
  it("set by an admin ends the next reply mail in the ticket's language", async () => {
    const agent = await staff();
    const previous = await getSignOff();
    const signOff = { ja: `テスト窓口 ${randomUUID().slice(0, 6)}`, en: `Test Desk ${randomUUID().slice(0, 6)}` };
    try {
      await updateSignOff({ email: "admin@example.edu" }, { signOffJa: signOff.ja, signOffEn: signOff.en });
      for (const locale of ["ja", "en"] as const) {
        const { ticket } = await createTicket({ locale });
        await addReply(agent, ticket.id, "本文", "keep");
        const mail = await db().outboxMail.findFirstOrThrow({ where: { ticketId: ticket.id } });
        expect(mail.text.trimEnd().split("\n").at(-1)).toBe(signOff[locale]);
      }
    } finally {
      await updateSignOff({ email: "admin@example.edu" }, { signOffJa: previous.ja, signOffEn: previous.en });
    }
  });
});
