// What each job does (lib/jobs/queue.ts names them). Kept apart from the queue so that lib/data/
// (which adds jobs) does not import the mail sender and the SLA check.
import "server-only";
import type { TaskList } from "graphile-worker";
import { pruneNotifications } from "@/lib/data/notifications";
import { pruneHelpAnalytics } from "@/lib/data/step-visits";
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
  // notifications (read: 90 days, any: a year), hourly.
  [TASKS.housekeeping]: async () => {
    const [analytics, notifications] = await Promise.all([pruneHelpAnalytics(), pruneNotifications()]);
    if (analytics || notifications) log.info({ analytics, notifications }, "old rows pruned");
  },
};
