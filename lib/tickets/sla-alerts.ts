// SLA warnings and breaches (issue 13, docs/decisions/0029-job-queue.md), run by the job queue's
// "sla:check" job every minute and on demand. A target (first response, resolution) of a ticket that
// is not paused and not yet met is warned once it is due within the warning lead (the business
// calendar's slaWarningMinutes) and breached once it is due. Each ticket, target and kind is reported
// once: the TicketSlaAlert row is inserted in the transaction of its notifications, and its primary
// key makes a second checker (another instance) insert nothing and notify nobody.
import "server-only";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import type { SlaAlertKind, SlaTarget } from "@/lib/generated/prisma/client";
import { addJob, TASKS } from "@/lib/jobs/queue";
import { formatJstDateTime } from "@/lib/jst";
import { log } from "@/lib/log";
import { notifySlaAlert } from "@/lib/tickets/notify";

/** When the business calendar has no row yet (it comes with the SLA migration). */
export const DEFAULT_WARNING_MINUTES = 60;
/** Alerts per run; the next run (a minute later, or one added on demand) takes the rest. */
const LIMIT = 200;

type Due = { ticketId: string; target: SlaTarget; kind: SlaAlertKind; dueAt: Date };

const TARGET_LABEL: Record<SlaTarget, string> = { first_response: "初回応答", resolution: "解決" };

async function warningMinutes(): Promise<number> {
  const calendar = await db().businessCalendar.findUnique({ where: { id: "default" }, select: { slaWarningMinutes: true } });
  return calendar?.slaWarningMinutes ?? DEFAULT_WARNING_MINUTES;
}

/**
 * The targets that need an alert now. A breach is chosen over a warning when the due time has
 * passed (a target that went from far to past between two checks gets only the breach), and a
 * warning is not sent after the breach of the same target (a pause may push a breached due time
 * back into the lead). Open tickets only: the status index keeps this to the unresolved ones.
 */
async function findDue(at: Date, leadMinutes: number, ticketIds?: string[]): Promise<Due[]> {
  const warnUntil = new Date(at.getTime() + leadMinutes * 60_000);
  const only = ticketIds ?? null;
  return db().$queryRaw<Due[]>`
    WITH targets AS (
      SELECT t."id" AS "ticketId", 'first_response'::"SlaTarget" AS "target", t."firstResponseDueAt" AS "dueAt"
      FROM "Ticket" t
      WHERE t."status" IN ('new', 'open', 'waiting') AND t."mergedIntoId" IS NULL AND t."slaPausedAt" IS NULL
        AND t."firstRespondedAt" IS NULL AND t."firstResponseDueAt" <= ${warnUntil}
        AND (${only}::uuid[] IS NULL OR t."id" = ANY(${only}::uuid[]))
      UNION ALL
      SELECT t."id", 'resolution'::"SlaTarget", t."resolutionDueAt"
      FROM "Ticket" t
      WHERE t."status" IN ('new', 'open', 'waiting') AND t."mergedIntoId" IS NULL AND t."slaPausedAt" IS NULL
        AND t."resolutionDueAt" <= ${warnUntil}
        AND (${only}::uuid[] IS NULL OR t."id" = ANY(${only}::uuid[]))
    ), classified AS (
      SELECT "ticketId", "target", "dueAt",
        (CASE WHEN "dueAt" <= ${at} THEN 'breach' ELSE 'warning' END)::"SlaAlertKind" AS "kind"
      FROM targets
    )
    SELECT c."ticketId", c."target", c."kind", c."dueAt"
    FROM classified c
    WHERE NOT EXISTS (
      SELECT 1 FROM "TicketSlaAlert" a
      WHERE a."ticketId" = c."ticketId" AND a."target" = c."target" AND (a."kind" = c."kind" OR a."kind" = 'breach')
    )
    ORDER BY c."dueAt", c."ticketId"
    LIMIT ${LIMIT}`;
}

/** Records and notifies one alert; false when another checker already did. */
async function sendAlert(due: Due, at: Date): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ ticketId: string }[]>`
      INSERT INTO "TicketSlaAlert" ("ticketId", "target", "kind", "dueAt", "createdAt")
      VALUES (${due.ticketId}::uuid, ${due.target}::"SlaTarget", ${due.kind}::"SlaAlertKind", ${due.dueAt}, ${at})
      ON CONFLICT DO NOTHING
      RETURNING "ticketId"`;
    if (!inserted.length) return false;
    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: due.ticketId }, select: { id: true, assigneeId: true, guideId: true } });
    const details = [`対象: ${TARGET_LABEL[due.target]}`, `期限: ${formatJstDateTime(due.dueAt).replace("T", " ")}(日本時間)`];
    await notifySlaAlert(tx, due.kind === "breach" ? "sla_breach" : "sla_warning", ticket, details, at);
    return true;
  });
}

export type SlaCheckResult = { warnings: number; breaches: number };

/**
 * Finds and sends the alerts due at `at` (default: the SLA clock, lib/clock.ts). `ticketIds` limits it
 * to those tickets (tests running beside others).
 */
export async function checkSlaAlerts(options: { at?: Date; ticketIds?: string[] } = {}): Promise<SlaCheckResult> {
  const at = options.at ?? clockNow();
  const due = await findDue(at, await warningMinutes(), options.ticketIds);
  const result: SlaCheckResult = { warnings: 0, breaches: 0 };
  for (const alert of due) {
    if (!(await sendAlert(alert, at))) continue;
    if (alert.kind === "breach") result.breaches++;
    else result.warnings++;
  }
  if (due.length) log.info({ ...result, found: due.length }, "SLA alerts sent");
  return result;
}

/**
 * Asks the job queue for a check now instead of at the next minute (e.g. after the warning lead or
 * a policy changed); pass a transaction to have it run only if that change commits. It is the same
 * job as the minute's (one key), so asking often costs nothing.
 */
export function requestSlaCheck(client: Parameters<typeof addJob>[0] = db()): Promise<void> {
  return addJob(client, TASKS.checkSla, { jobKey: TASKS.checkSla });
}
