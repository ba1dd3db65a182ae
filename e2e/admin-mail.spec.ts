// The held queue of inbound mail (issue 11, part Q): mails the server's worker held are listed at
// /admin/mail; an agent adds one to its ticket, makes one a new request and discards one.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, createTicket, login } from "./support/admin";
import { sql } from "./support/db";
import { inboundState, strangerMail, waitUntilHeld } from "./support/inbound";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const item = (page: Page, id: string) => page.locator(`[data-inbound-mail][data-id="${id}"]`);

test("an agent handles held mail: into the ticket, as a new request, discarded", async ({ page }) => {
  test.setTimeout(150_000);
  const tag = randomUUID().slice(0, 8);
  const ticket = await createTicket();
  const accept = await strangerMail(ticket.id, `同じ症状です ${tag}`, `私も同じエラーが出ます ${tag}\n\n-- \n山田`);
  const fresh = await strangerMail(ticket.id, `別件です ${tag}`, `プリンタが使えません ${tag}`);
  const junk = await strangerMail(ticket.id, `宣伝 ${tag}`, `お得な情報 ${tag}`);
  await waitUntilHeld(accept.id, fresh.id, junk.id);

  const agent = await createStaffUser();
  await login(page, agent, "/admin/mail");
  const nav = page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: /受信メール/ });
  await expect(nav).toBeVisible();
  expect(Number(await nav.getAttribute("data-held"))).toBeGreaterThanOrEqual(3);

  const first = item(page, accept.id);
  await expect(first).toContainText(accept.from);
  await expect(first).toContainText("送信者が依頼者と一致しません");
  await expect(first.getByRole("link", { name: ticket.reference })).toBeVisible();
  await expect(first.locator("[data-preview]")).toHaveText(`私も同じエラーが出ます ${tag}`);
  await expect(first).toContainText("内部メモとして追加");
  await expect(first.getByRole("link", { name: /元のメール/ })).toHaveAttribute("href", `/api/admin/inbound/${accept.id}/raw`);
  await expectNoSeriousAxeViolations(page);

  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Into the matched ticket (the field left empty).
  await first.getByRole("button", { name: "チケットに追加" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`チケット ${ticket.reference} に内部メモとして追加しました`);
  await expect(item(page, accept.id)).toHaveCount(0);
  expect(await inboundState(accept.id)).toEqual({ state: "applied", reason: "accepted-by-staff", ticketId: ticket.id, handledById: agent.id });

  // A new request from the other mail.
  await item(page, fresh.id).getByRole("button", { name: "新しい問い合わせにする" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("新しい問い合わせ");
  const created = await inboundState(fresh.id);
  expect(created).toMatchObject({ state: "applied", reason: "new-request-by-staff", handledById: agent.id });
  const { rows } = await sql<{ email: string; reference: string }>(`SELECT "email", "reference" FROM "Ticket" WHERE "id" = $1`, [created.ticketId]);
  expect(rows[0].email).toBe(fresh.from);
  await expect(page.getByRole("main").getByRole("status")).toContainText(rows[0].reference);

  // Discarded: gone from the queue, kept among the ignored with who did it.
  await item(page, junk.id).getByRole("button", { name: "破棄" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("メールを破棄しました。");
  await expect(item(page, junk.id)).toHaveCount(0);
  expect(await inboundState(junk.id)).toMatchObject({ state: "ignored", reason: "discarded-by-staff", handledById: agent.id });
  await page.getByRole("link", { name: /無視したメール/ }).click();
  await expect(item(page, junk.id)).toContainText("スタッフが破棄");
  await expect(item(page, junk.id).getByRole("button")).toHaveCount(0);

  // The message is on the ticket, marked as received by mail, internal (not the requester's).
  await page.goto(`/admin/tickets/${ticket.reference}`);
  const message = page.getByRole("region", { name: "やり取り" }).getByRole("listitem").filter({ hasText: `私も同じエラーが出ます ${tag}` });
  await expect(message).toHaveCount(1);
  await expect(message.locator("[data-via-mail]")).toHaveText("メールで受信");
});

test("a mail handled by someone else meanwhile is refused with a clear message, and what was typed stays", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const tag = randomUUID().slice(0, 8);
  const ticket = await createTicket();
  const mail = await strangerMail(ticket.id, `二重 ${tag}`, `二重処理の確認 ${tag}`);
  await waitUntilHeld(mail.id);
  const [a, b] = [await createStaffUser(), await createStaffUser()];
  await login(page, a, "/admin/mail");
  const other = await browser.newPage();
  await login(other, b, "/admin/mail");

  await item(other, mail.id).getByRole("button", { name: "破棄" }).click();
  await expect(other.getByRole("main").getByRole("status")).toHaveText("メールを破棄しました。");

  await item(page, mail.id).getByLabel("追加先の受付番号").fill(ticket.reference);
  await item(page, mail.id).getByRole("button", { name: "チケットに追加" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("他のスタッフがすでに処理しました");
  expect(await inboundState(mail.id)).toMatchObject({ state: "ignored", handledById: b.id });
  expect((await sql(`SELECT 1 FROM "TicketMessage" WHERE "ticketId" = $1`, [ticket.id])).rowCount).toBe(0);
  await other.close();

  // A malformed reference is refused before anything happens, and comes back in the field.
  const second = await strangerMail(ticket.id, `形式 ${tag}`, `形式の確認 ${tag}`);
  await waitUntilHeld(second.id);
  await page.goto("/admin/mail");
  await item(page, second.id).getByLabel("追加先の受付番号").fill("not a reference");
  await item(page, second.id).getByRole("button", { name: "チケットに追加" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("受付番号の形式");
  await expect(item(page, second.id).getByLabel("追加先の受付番号")).toHaveValue("not a reference");
  expect((await inboundState(second.id)).state).toBe("held");
});
