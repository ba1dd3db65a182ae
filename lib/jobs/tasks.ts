// What each job does (lib/jobs/queue.ts names them). Kept apart from the queue so that lib/data/
// (which adds jobs) does not import the mail sender and the SLA check.
import "server-only";
import type { TaskList } from "graphile-worker";
import { TASKS } from "@/lib/jobs/queue";
import { deliverRound } from "@/lib/mail/sender";
import { prune } from "@/lib/rate-limit";
import { checkSlaAlerts } from "@/lib/tickets/sla-alerts";

export const taskList: TaskList = {
  [TASKS.deliverMail]: async () => {
    await deliverRound();
  },
  [TASKS.checkSla]: async () => {
    await checkSlaAlerts();
  },
  // Rate-limit events older than the longest window (a day), hourly.
  [TASKS.pruneRateLimits]: async () => {
    await prune();
  },
};
