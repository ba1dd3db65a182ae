// SLA warning and breach, end to end on a controlled clock (issue 13, docs/decisions/0029): a ticket
// assigned to an agent with a first-response due time; nothing while the due time is beyond the
// warning lead; the SLA clock moved into the lead → the agent's in-app notification and mail (SMTP
// sink) "due soon"; moved past the due time → "breached"; each once. The server's job queue runs the
// check; the spec adds the check job itself (as the minute's cron would) instead of waiting for it.
// The clock is shared with specs running beside this one, so it moves by minutes, not hours: the due
// time is placed just beyond the lead, then (as a priority raise would) brought close before the
// breach.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createStaffUser, createTicket, login } from "./support/admin";
import { clockOffsetMs, resetClock, serverNow, setClockOffsetMs } from "./support/clock";
import { sql } from "./support/db";
import { receivedMail, waitForMail } from "./support/mail";

const MIN = 60_000;

test.afterAll(() => resetClock());

/**
 * Asks the server's queue for a check now, as cron does every minute, but of this spec's ticket only:
 * the server is shared with every other spec's tickets and staff.
 */
const requestCheck = (ticketId: string) =>
  sql(`SELECT graphile_worker.add_job('sla:check', json_build_object('ticketIds', json_build_array($1::text)), job_key := 'sla:check:' || $1, max_attempts := 3)`, [ticketId]);

async function checkJobsLeft() {
  const { rows } = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'sla:check' AND run_at <= now()`);
  return rows[0].n;
}

async function alerts(ticketId: string) {
  const { rows } = await sql<{ a: string }>(`SELECT "target" || ':' || "kind" AS a FROM "TicketSlaAlert" WHERE "ticketId" = $1 ORDER BY 1`, [ticketId]);
  return rows.map((r) => r.a);
}

test("an assignee is warned before the first-response due time and told of the breach, in the app and by mail", async ({ page }) => {
  const agent = await createStaffUser({ name: "期限 担当" });
  const ticket = await createTicket();
  const { rows } = await sql<{ lead: number }>(`SELECT "slaWarningMinutes" AS lead FROM "BusinessCalendar" WHERE "id" = 'default'`);
  const lead = rows[0]?.lead ?? 60;
  const start = clockOffsetMs();
  const due = new Date(serverNow().getTime() + (lead + 2) * MIN);
  await sql(`UPDATE "Ticket" SET "status" = 'open', "assigneeId" = $2, "firstResponseDueAt" = $3 WHERE "id" = $1`, [ticket.id, agent.id, due]);

  // Beyond the lead: a check finds nothing to say.
  await requestCheck(ticket.id);
  await expect.poll(checkJobsLeft).toBe(0);
  expect(await alerts(ticket.id)).toEqual([]);

  // Three minutes on, the due time is within the lead: a warning.
  setClockOffsetMs(start + 3 * MIN);
  await expect
    .poll(async () => {
      await requestCheck(ticket.id);
      return alerts(ticket.id);
    })
    .toEqual(["first_response:warning"]);
  const warning = await waitForMail(agent.email, (m) => m.subject?.includes("対応期限が近づいています") === true);
  expect(warning.subject).toContain(ticket.reference);
  expect(warning.text).toContain("対象: 初回応答");
  expect(warning.text).toContain(`/admin/tickets/${ticket.reference}`);

  await login(page, agent, "/admin/notifications");
  const row = page.locator("[data-notification]").filter({ hasText: ticket.reference });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("対応期限が近づいています");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // Past the due time: the breach, once; the warning is not sent again.
  await sql(`UPDATE "Ticket" SET "firstResponseDueAt" = $2 WHERE "id" = $1`, [ticket.id, new Date(serverNow().getTime() + MIN)]);
  setClockOffsetMs(start + 5 * MIN);
  await expect
    .poll(async () => {
      await requestCheck(ticket.id);
      return alerts(ticket.id);
    })
    .toEqual(["first_response:breach", "first_response:warning"]);
  await waitForMail(agent.email, (m) => m.subject?.includes("対応期限を過ぎました") === true && m.subject.includes(ticket.reference));
  await page.reload();
  await expect(row).toHaveCount(2);
  await expect(page.locator("[data-notification]").filter({ hasText: "対応期限を過ぎました" }).filter({ hasText: ticket.reference })).toHaveCount(1);

  // More checks change nothing: one mail of each kind.
  await requestCheck(ticket.id);
  await expect.poll(checkJobsLeft).toBe(0);
  // (Other specs' unassigned tickets may alert their guide's followers or the admins, this agent too: count this ticket's.)
  const toAgent = receivedMail().filter((m) => m.to.includes(agent.email) && m.subject?.includes(ticket.reference));
  expect(toAgent.map((m) => (m.subject?.includes("過ぎました") ? "breach" : "warning")).sort()).toEqual(["breach", "warning"]);
});
