// Unauthorized probes for part A's actions (issue 10): the properties form, "assign to me" and the
// merge change nothing for an anonymous visitor or a deactivated agent with a live session. Any
// active staff member may merge (decision 0018), so there is no agent-versus-admin probe.
import { expect, test } from "@playwright/test";
import { createStaffUser, createTicket, ticketState, attemptLockedOut } from "./support/admin";
import { sql } from "./support/db";

const mergeState = async (ids: string[]) =>
  (await sql<{ id: string; mergedIntoId: string | null; version: number }>(`SELECT "id", "mergedIntoId", "version" FROM "Ticket" WHERE "id" = ANY($1::uuid[]) ORDER BY "id"`, [ids])).rows;

for (const persona of ["anonymous", "deactivated"] as const) {
  test(`properties, assign to me and merge change nothing for a ${persona} user`, async ({ page, context }) => {
    test.setTimeout(120_000);
    const agent = await createStaffUser({ role: "agent" });
    const ticket = await createTicket();
    const other = await createTicket();
    const before = [await ticketState(ticket.id), await ticketState(other.id), await mergeState([ticket.id, other.id])];
    const detail = `/admin/tickets/${ticket.reference}`;
    const actions = page.getByRole("complementary", { name: "チケットの操作" });

    await attemptLockedOut(page, context, agent, persona, detail, async () => {
      await actions.getByLabel("状態").selectOption("closed");
      await actions.getByLabel("優先度").selectOption("urgent");
      await actions.getByRole("button", { name: "変更を保存" }).click();
    });
    await attemptLockedOut(page, context, agent, persona, detail, async () => {
      await page.locator("#assign-to-me").click();
    });
    await attemptLockedOut(page, context, agent, persona, detail, async () => {
      await page.getByLabel("統合先の受付番号").fill(other.reference);
      await page.getByRole("button", { name: "統合する" }).click();
    });

    expect([await ticketState(ticket.id), await ticketState(other.id), await mergeState([ticket.id, other.id])]).toEqual(before);
    const { rows } = await sql(`SELECT 1 FROM "OutboxMail" WHERE "ticketId" = ANY($1::uuid[])`, [[ticket.id, other.id]]);
    expect(rows).toHaveLength(0);
  });
}
