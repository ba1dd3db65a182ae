// Delivers OutboxMail rows via SMTP (issue 4). Rows are claimed with FOR UPDATE SKIP LOCKED plus a
// short lease (lockedUntil), so several app instances never send one mail twice, and a crashed
// instance's rows become due again when its lease runs out. Failures back off exponentially.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { addJob, TASKS } from "@/lib/jobs/queue";
import { log } from "@/lib/log";

/** Attempts before a mail is given up (status failed). With the backoff below that is about 8 hours. */
export const MAX_ATTEMPTS = 12;
export const LEASE_MS = 2 * 60_000;
/**
 * A claimed row is sent only while this much of its lease is left: a batch held up (by a slow SMTP
 * server, or by waiting for the database to record an earlier mail) must not send a row whose lease
 * another instance may already have taken over.
 */
const SEND_MARGIN_MS = 45_000;
/** Rows per deliverPending call; a round takes at most ROUND_BATCHES of them before it hands over. */
const BATCH = 20;
const ROUND_BATCHES = 10;

/**
 * Wait before the next attempt after `attempts` failed ones: 1 min, 2, 4, … capped at 1 hour.
 * MAIL_RETRY_BASE_MS replaces the minute (the reliability suite's SMTP outage uses seconds).
 */
export function backoffMs(attempts: number): number {
  return Math.min(env().MAIL_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records that SMTP accepted a mail. Once the mail is out, this fact must not be lost to a database
 * blip: a lost update leaves the row pending, its lease runs out and the mail goes out again (issue 8,
 * measured 4 of 4 outages). So an outage is waited out with a short backoff for as long as it lasts;
 * only the process dying loses the fact, and then the lease expiry resends (docs/decisions/0007).
 */
async function markSent(id: string, attempts: number) {
  for (let retry = 0; ; retry++) {
    try {
      await db().outboxMail.update({
        where: { id },
        data: { status: "sent", sentAt: new Date(), attempts, lockedUntil: null, lastError: null },
      });
      if (retry > 0) log.info({ mailId: id, retries: retry }, "mail recorded as sent after the database came back");
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (retry % 20 === 0) {
        log.warn({ mailId: id, err: error instanceof Error ? error.message : String(error) }, "mail sent but not yet recorded: database unavailable, retrying");
      }
      await sleep(Math.min(250 * 2 ** retry, 2_000));
    }
  }
}

type Claimed = {
  id: string;
  to: string;
  subject: string;
  text: string;
  attempts: number;
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  replyTo: string | null;
};

export type DeliverOptions = {
  now?: Date;
  /** An explicit transport (tests); default: one built from SMTP_URL, or none when it is unset. */
  transport?: Transporter | null;
  /** Only these rows (tests that must not touch rows of tests running beside them). */
  ids?: string[];
  batch?: number;
};

let cachedTransport: Transporter | null | undefined;
function defaultTransport(): Transporter | null {
  if (cachedTransport === undefined) {
    const url = env().SMTP_URL;
    cachedTransport = url ? nodemailer.createTransport(url) : null;
  }
  return cachedTransport;
}

async function claim(now: Date, batch: number, ids?: string[]): Promise<Claimed[]> {
  const until = new Date(now.getTime() + LEASE_MS);
  const only = ids ? Prisma.sql`AND "id" = ANY(${ids}::uuid[])` : Prisma.empty;
  return db().$queryRaw<Claimed[]>`
    UPDATE "OutboxMail" SET "lockedUntil" = ${until}
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMail"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}) ${only}
      ORDER BY "nextAttemptAt" LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "to", "subject", "text", "attempts", "messageId", "inReplyTo", "references", "replyTo"`;
}

let lastPendingLogged = -1;
let lastPendingCountAt = 0;
/**
 * Without SMTP the count is only for the log, and every round of a burst of intakes ran it over every
 * pending mail (issue 14): once a minute is enough to say the outbox grows.
 */
const PENDING_COUNT_EVERY_MS = 60_000;

/** Sends what is due. Returns how many were sent, scheduled for a retry and given up. */
export async function deliverPending(options: DeliverOptions = {}) {
  const now = options.now ?? new Date();
  const transport = options.transport === undefined ? defaultTransport() : options.transport;
  const result = { sent: 0, retrying: 0, failed: 0 };
  if (!transport) {
    // No SMTP_URL (the embedded default): the mail waits in the outbox; say so once per change.
    if (Date.now() - lastPendingCountAt < PENDING_COUNT_EVERY_MS) return result;
    lastPendingCountAt = Date.now();
    const pending = await db().outboxMail.count({ where: { status: "pending" } });
    if (pending !== lastPendingLogged) {
      lastPendingLogged = pending;
      if (pending) log.info({ pending }, "SMTP_URL is not set: mail stays in the outbox");
    }
    return result;
  }
  const rows = await claim(now, options.batch ?? BATCH, options.ids);
  // Measured on this process's clock: `now` may be a test's simulated time.
  const sendUntil = Date.now() + LEASE_MS - SEND_MARGIN_MS;
  for (const row of rows) {
    // Left claimed: the lease runs out and the next round (here or elsewhere) takes it.
    if (Date.now() > sendUntil) break;
    const attempts = row.attempts + 1;
    let accepted = false;
    try {
      await transport.sendMail({
        from: env().MAIL_FROM,
        to: row.to,
        subject: row.subject,
        text: row.text,
        // Threading (lib/mail/threading.ts): the same Message-ID on every attempt, so a resend after
        // a lost "sent" record is recognised as the same mail by the requester's client.
        ...(row.messageId ? { messageId: `<${row.messageId}>` } : {}),
        ...(row.inReplyTo ? { inReplyTo: row.inReplyTo } : {}),
        ...(row.references ? { references: row.references } : {}),
        ...(row.replyTo ? { replyTo: row.replyTo } : {}),
      });
      accepted = true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= MAX_ATTEMPTS;
      try {
        await db().outboxMail.update({
          where: { id: row.id },
          data: {
            attempts,
            lockedUntil: null,
            lastError: message.slice(0, 1000),
            status: giveUp ? "failed" : "pending",
            nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
          },
        });
      } catch (recordError) {
        // Nothing went out, so losing this update to an outage costs only an earlier retry once
        // the lease ends; the rest of the batch still gets its chance.
        if (!isDatabaseUnavailable(recordError)) throw recordError;
        log.warn({ mailId: row.id, err: message }, "mail delivery failed and the database is unavailable; retried after the lease");
        continue;
      }
      if (giveUp) {
        result.failed++;
        log.error({ mailId: row.id, attempts, err: message }, "mail delivery failed for good");
      } else {
        result.retrying++;
        log.warn({ mailId: row.id, attempts, err: message }, "mail delivery failed; will retry");
      }
    }
    if (accepted) {
      await markSent(row.id, attempts);
      result.sent++;
    }
  }
  return result;
}

/**
 * One delivery round, run by the job queue's "mail:deliver" job (lib/jobs/tasks.ts): added at the
 * commit of every transaction that queued mail (the OutboxMail insert trigger), by cron every minute, and by this round for
 * the next retry, so a fresh mail goes out at once and a retry at its time, with no timer of our own
 * (docs/decisions/0029-job-queue.md). Several rounds at once are safe: rows are claimed with SKIP LOCKED.
 */
export async function deliverRound(): Promise<void> {
  await completeCoveredJobs();
  let full = true;
  for (let round = 0; round < ROUND_BATCHES && full; round++) {
    const r = await deliverPending();
    full = r.sent + r.retrying + r.failed >= BATCH;
  }
  // A backlog larger than one round: another round at once, possibly on another instance.
  if (full) await addJob(db(), TASKS.deliverMail, { jobKey: TASKS.deliverMail });
  else await scheduleNextRetry();
}

/**
 * The mail insert trigger adds one job per mail-queuing transaction, a second ahead and without a
 * key (a key would make those transactions queue on one row). The ones waiting now ask for nothing
 * this round's claim does not already cover, since their mails committed with them (due at once):
 * they are completed unrun, so a burst of mails costs one round. So is a due keyed one (cron's).
 * The retry job (due later) and a job another worker has locked are left alone.
 */
async function completeCoveredJobs(): Promise<void> {
  await db().$executeRaw`
    SELECT graphile_worker.complete_jobs(array_agg(id)) FROM graphile_worker.jobs
    WHERE task_identifier = ${TASKS.deliverMail} AND locked_at IS NULL AND (key IS NULL OR run_at <= now())`;
}

/**
 * The earliest retry due before the next cron minute gets a job of its own at that time, so that a
 * short MAIL_RETRY_BASE_MS (seconds, in the reliability suite) is honoured without polling.
 */
async function scheduleNextRetry(): Promise<void> {
  const now = Date.now();
  const next = await db().outboxMail.findFirst({
    where: { status: "pending", nextAttemptAt: { gt: new Date(now), lt: new Date(now + 60_000) } },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  if (next) await addJob(db(), TASKS.deliverMail, { jobKey: `${TASKS.deliverMail}:retry`, runAt: next.nextAttemptAt });
}
