// Staff notifications, written in the transaction of the change they report (a rolled-back change
// notifies nobody): an in-app row and/or a mail through the outbox, as each recipient chose.
// Never the actor of the change, never a deactivated account (docs/decisions/0022).
import "server-only";
import { enqueueMail, type OutgoingMail } from "@/lib/data/outbox";
import { getSignOff } from "@/lib/data/settings";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { staffNotificationMail, type SignOff } from "@/lib/mail/templates";
import { DEFAULT_CHOICES, NO_GUIDE, type NotificationKind } from "@/lib/notifications/kinds";

type Tx = Prisma.TransactionClient;

const base = () => env().APP_URL.replace(/\/$/, "");
const SUMMARY_CHARS = 80;

export type NotificationRecipient = { id: string; name: string; email: string; choice: { inApp: boolean; mail: boolean } | null };

/**
 * What a notification of `kind` about a ticket writes for each recipient, as each chose (their stored
 * choice, else the kind's default): in-app rows and mails. The recipients are active and not the
 * actor; the intake (lib/tickets/create-ticket.ts) reads them with its other context in one statement.
 */
export function plannedNotifications(
  kind: NotificationKind,
  recipients: readonly NotificationRecipient[],
  ticket: { reference: string; description: string },
  signOff: SignOff,
  details?: string[],
): { inApp: string[]; mails: OutgoingMail[] } {
  const inApp: string[] = [];
  const mails: OutgoingMail[] = [];
  for (const staff of recipients) {
    const choice = staff.choice ?? DEFAULT_CHOICES[kind];
    if (choice.inApp) inApp.push(staff.id);
    if (choice.mail) {
      const summary = ticket.description.replace(/\s+/g, " ").trim();
      const mail = staffNotificationMail({
        kind,
        name: staff.name,
        reference: ticket.reference,
        summary: summary.length > SUMMARY_CHARS ? `${summary.slice(0, SUMMARY_CHARS)}…` : summary,
        ticketUrl: `${base()}/admin/tickets/${ticket.reference}`,
        settingsUrl: `${base()}/admin/settings/notifications`,
        signOff,
        details,
      });
      // No ticketId: a ticket's outbox rows are the mail its requester got (the staff history and
      // tests read them so); the kind and the link say which ticket this one is about.
      mails.push({ kind: `notify-${kind}`, to: staff.email, ...mail });
    }
  }
  return { inApp, mails };
}

async function notify(tx: Tx, kind: NotificationKind, ticketId: string, recipientIds: readonly string[], actorId: string | null, now: Date, details?: string[]) {
  const ids = [...new Set(recipientIds)].filter((id) => id !== actorId);
  if (!ids.length) return 0;
  const recipients = await tx.staffUser.findMany({
    where: { id: { in: ids }, active: true },
    select: { id: true, name: true, email: true, notificationPreferences: { where: { kind }, select: { inApp: true, mail: true } } },
    orderBy: { id: "asc" },
  });
  if (!recipients.length) return 0;
  const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { reference: true, description: true } });
  const planned = plannedNotifications(kind, recipients.map((r) => ({ ...r, choice: r.notificationPreferences[0] ?? null })), ticket, await getSignOff(tx), details);
  for (const staffId of planned.inApp) {
    await tx.notification.create({ data: { staffId, kind, ticketId, createdAt: now }, select: { id: true } });
  }
  for (const mail of planned.mails) await enqueueMail(tx, mail);
  return planned.inApp.length + planned.mails.length;
}

/** A new ticket: everyone following its guide (or "no guide"). */
export async function notifyNewTicket(tx: Tx, ticket: { id: string; guideId: string | null }, now = new Date()) {
  const followers = await tx.guideFollow.findMany({ where: { guideKey: ticket.guideId ?? NO_GUIDE }, select: { staffId: true } });
  return notify(tx, "new_ticket", ticket.id, followers.map((f) => f.staffId), null, now);
}

/**
 * The requester answered: the ticket's assignee; on an unassigned ticket (or one whose assignee's
 * account is deactivated), its queue (queueOf), so that an answer nobody owns is still seen.
 */
export async function notifyRequesterMessage(tx: Tx, ticket: { id: string; assigneeId: string | null; guideId: string | null }, now = new Date()) {
  const assignee = await activeAssignee(tx, ticket.assigneeId);
  if (assignee) return notify(tx, "requester_message", ticket.id, [assignee], null, now);
  return notify(tx, "requester_message", ticket.id, await queueOf(tx, ticket.guideId), null, now, [UNOWNED]);
}

const UNOWNED = "このお問い合わせには担当者がいないため、ガイドのフォロワー(いなければ管理者)にお知らせしています。";

async function activeAssignee(tx: Tx, assigneeId: string | null): Promise<string | null> {
  if (!assigneeId) return null;
  return (await tx.staffUser.findFirst({ where: { id: assigneeId, active: true }, select: { id: true } }))?.id ?? null;
}

/** A ticket assigned to someone by someone else (taking a ticket oneself notifies nobody). */
export async function notifyAssigned(tx: Tx, actorId: string, ticketId: string, assigneeId: string | null, now = new Date()) {
  return assigneeId ? notify(tx, "assigned", ticketId, [assigneeId], actorId, now) : 0;
}

/**
 * A service-level warning or breach (lib/tickets/sla-alerts.ts): the ticket's assignee; while it has
 * none (or the assignee's account is deactivated), the queue that owns it: the active followers of its
 * guide, as for a new ticket; when nobody follows that guide, the active admins. Not every staff member:
 * a help desk with several teams would get every team's alerts (docs/decisions/0029).
 */
export async function notifySlaAlert(
  tx: Tx,
  kind: Extract<NotificationKind, "sla_warning" | "sla_breach">,
  ticket: { id: string; assigneeId: string | null; guideId: string | null },
  details: string[],
  now = new Date(),
) {
  const assignee = await activeAssignee(tx, ticket.assigneeId);
  return assignee ? notify(tx, kind, ticket.id, [assignee], null, now, details) : notify(tx, kind, ticket.id, await queueOf(tx, ticket.guideId), null, now, [...details, UNOWNED]);
}

/** Who owns an unassigned ticket: its guide's active followers, or the active admins when it has none. */
async function queueOf(tx: Tx, guideId: string | null): Promise<string[]> {
  const followers = await tx.guideFollow.findMany({ where: { guideKey: guideId ?? NO_GUIDE, staff: { active: true } }, select: { staffId: true } });
  if (followers.length) return followers.map((f) => f.staffId);
  return (await tx.staffUser.findMany({ where: { active: true, role: "admin" }, select: { id: true } })).map((s) => s.id);
}
