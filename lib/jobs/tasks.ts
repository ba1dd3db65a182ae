// What each job does (lib/jobs/queue.ts names them). Kept apart from the queue so that lib/data/
// (which adds jobs) does not import the mail sender and the SLA check.
import "server-only";
import type { TaskList } from "graphile-worker";
import { foldTicketStats } from "@/lib/data/dashboard";
import { pruneNotifications } from "@/lib/data/notifications";
import { pruneHelpAnalytics } from "@/lib/data/step-visits";
import { env } from "@/lib/env";
import { TASKS } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { deliverRound } from "@/lib/mail/sender";
import { prune } from "@/lib/rate-limit";
import { checkSlaAlerts } from "@/lib/tickets/sla-alerts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const taskList: TaskList = {
  [TASKS.deliverMail]: async () => {
    await deliverRound();
  },
  // Every ticket (cron's job), or only the tickets a job names: a check asked for one ticket (the e2e
  // spec's, on a server other specs share) must not alert everyone else's.
  [TASKS.checkSla]: async (payload) => {
    const ids = (payload as { ticketIds?: unknown } | null)?.ticketIds;
    const ticketIds = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string" && UUID.test(id)) : undefined;
    await checkSlaAlerts(ticketIds ? { ticketIds } : {});
  },
  // Rate-limit events older than the longest window (a day), hourly.
  [TASKS.pruneRateLimits]: async () => {
    await prune();
  },
  // Rows past their retention: help-center visits and searches (90 days, decision 0031) and old
  // notifications (read: 90 days, any: a year), hourly; and the dashboard aggregates' session slots
  // folded into one row per key (decision 0032, round 2).
  [TASKS.housekeeping]: async () => {
    const [analytics, notifications, folded] = await Promise.all([pruneHelpAnalytics(), pruneNotifications(), foldTicketStats()]);
    if (analytics || notifications) log.info({ analytics, notifications }, "old rows pruned");
    if (folded) log.debug({ folded }, "dashboard aggregate slots folded");
  },
};

/**
 * The tasks this process's worker takes. Without SMTP_URL an instance has no mail transport: it does
 * not take "mail:deliver" jobs (they would end as a no-op round while the mail waits for an instance
 * that can send it; in e2e such an instance took the other instances' delivery jobs). Its crontab
 * and its start jobs leave the task out too (lib/jobs/queue.ts); the mail waits in the outbox for an
 * instance or `npm run worker` with SMTP (decision 0029, round 2).
 */
export function instanceTaskList(): TaskList {
  if (env().SMTP_URL) return taskList;
  log.info("SMTP_URL is not set: this instance's job worker delivers no mail (it waits in the outbox for an instance with SMTP)");
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { [TASKS.deliverMail]: _mail, ...rest } = taskList;
  return rest;
}
