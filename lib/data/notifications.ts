// A staff member's notifications, their choices per kind and the guides they follow. Every function
// takes the signed-in staff member's id from a guard and filters by it, so nobody reads or marks
// another's notifications (the id of someone else's notification simply matches nothing).
import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_CHOICES, NOTIFICATION_KINDS, type NotificationChoice, type NotificationKind } from "@/lib/notifications/kinds";

type Me = { id: string };

export const NOTIFICATION_PAGE_SIZE = 50;

export async function listNotifications(me: Me, limit = NOTIFICATION_PAGE_SIZE) {
  return db().notification.findMany({
    where: { staffId: me.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      kind: true,
      readAt: true,
      createdAt: true,
      ticket: { select: { reference: true, name: true, description: true, status: true } },
    },
  });
}
export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

export async function countUnreadNotifications(me: Me): Promise<number> {
  return db().notification.count({ where: { staffId: me.id, readAt: null } });
}

/** Marks one of my notifications read; false when it is not mine or does not exist. */
export async function markNotificationRead(me: Me, id: string, now = new Date()): Promise<boolean> {
  const { count } = await db().notification.updateMany({ where: { id, staffId: me.id, readAt: null }, data: { readAt: now } });
  if (count) return true;
  return (await db().notification.count({ where: { id, staffId: me.id } })) > 0;
}

export async function markAllNotificationsRead(me: Me, now = new Date()): Promise<number> {
  const { count } = await db().notification.updateMany({ where: { staffId: me.id, readAt: null }, data: { readAt: now } });
  return count;
}

export type NotificationChoices = Record<NotificationKind, NotificationChoice>;

export async function getNotificationChoices(me: Me): Promise<NotificationChoices> {
  const rows = await db().notificationPreference.findMany({ where: { staffId: me.id }, select: { kind: true, inApp: true, mail: true } });
  const out = { ...DEFAULT_CHOICES };
  for (const row of rows) out[row.kind] = { inApp: row.inApp, mail: row.mail };
  return out;
}

export async function listFollowedGuides(me: Me): Promise<string[]> {
  const rows = await db().guideFollow.findMany({ where: { staffId: me.id }, select: { guideKey: true }, orderBy: { guideKey: "asc" } });
  return rows.map((r) => r.guideKey);
}

/** Saves every kind's choice and the set of followed guides at once (the settings form sends all). */
export async function saveNotificationSettings(me: Me, choices: NotificationChoices, follows: readonly string[]) {
  await db().$transaction(async (tx) => {
    for (const kind of NOTIFICATION_KINDS) {
      const c = choices[kind];
      await tx.notificationPreference.upsert({
        where: { staffId_kind: { staffId: me.id, kind } },
        create: { staffId: me.id, kind, inApp: c.inApp, mail: c.mail },
        update: { inApp: c.inApp, mail: c.mail },
      });
    }
    const keys = [...new Set(follows)];
    await tx.guideFollow.deleteMany({ where: { staffId: me.id, guideKey: { notIn: keys } } });
    if (keys.length) await tx.guideFollow.createMany({ data: keys.map((guideKey) => ({ staffId: me.id, guideKey })), skipDuplicates: true });
  });
}

/** Read notifications are kept this long; unread ones a year (the list shows the newest 50 anyway). */
export const NOTIFICATION_READ_RETENTION_DAYS = 90;
export const NOTIFICATION_RETENTION_DAYS = 365;

/** Deletes notifications past their retention (the housekeeping job, hourly); returns how many went. */
export async function pruneNotifications(now: Date = new Date()): Promise<number> {
  const day = 86_400_000;
  return db().notification.deleteMany({
    where: {
      OR: [
        { readAt: { lt: new Date(now.getTime() - NOTIFICATION_READ_RETENTION_DAYS * day) } },
        { createdAt: { lt: new Date(now.getTime() - NOTIFICATION_RETENTION_DAYS * day) } },
      ],
    },
  }).then((r) => r.count);
}
