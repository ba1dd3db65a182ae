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

/** The requester answered: the ticket's assignee, if any. */
export async function notifyRequesterMessage(tx: Tx, ticket: { id: string; assigneeId: string | null }, now = new Date()) {
  return ticket.assigneeId ? notify(tx, "requester_message", ticket.id, [ticket.assigneeId], null, now) : 0;
}

/** A ticket assigned to someone by someone else (taking a ticket oneself notifies nobody). */
export async function notifyAssigned(tx: Tx, actorId: string, ticketId: string, assigneeId: string | null, now = new Date()) {
  return assigneeId ? notify(tx, "assigned", ticketId, [assigneeId], actorId, now) : 0;
}

/**
 * A service-level warning or breach (lib/tickets/sla-alerts.ts): the ticket's assignee, or, while it has
 * none (or the assignee's account is deactivated), every active staff member: the queue.
 */
export async function notifySlaAlert(
  tx: Tx,
  kind: Extract<NotificationKind, "sla_warning" | "sla_breach">,
  ticket: { id: string; assigneeId: string | null },
  details: string[],
  now = new Date(),
) {
  const assignee = ticket.assigneeId ? await tx.staffUser.findFirst({ where: { id: ticket.assigneeId, active: true }, select: { id: true } }) : null;
  const recipients = assignee ? [assignee.id] : (await tx.staffUser.findMany({ where: { active: true }, select: { id: true } })).map((s) => s.id);
  return notify(tx, kind, ticket.id, recipients, null, now, details);
}
