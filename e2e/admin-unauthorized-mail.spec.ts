// Unauthorized probes for the held mail queue (issue 11, part Q): the page, its three actions and the
// raw download, for an anonymous visitor and for a staff member deactivated with a live session.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createStaffUser, createTicket, login, setActive, attemptLockedOut } from "./support/admin";
import { inboundState, strangerMail, waitUntilHeld } from "./support/inbound";

const item = (page: Page, id: string) => page.locator(`[data-inbound-mail][data-id="${id}"]`);

test("anonymous: the page sends to the login page, the raw mail is refused, nothing is shown", async ({ request }) => {
  const ticket = await createTicket();
  const tag = randomUUID().slice(0, 8);
  const mail = await strangerMail(ticket.id, `秘密 ${tag}`, `秘密の本文 ${tag}`);
  await waitUntilHeld(mail.id);
  const response = await request.get("/admin/mail");
  expect(new URL(response.url()).pathname).toBe("/admin/login");
  expect(await response.text()).not.toContain(tag);
  const raw = await request.get(`/api/admin/inbound/${mail.id}/raw`);
  expect(raw.status()).toBe(401);
  expect(await raw.text()).not.toContain(tag);
});

for (const persona of ["anonymous", "deactivated"] as const) {
  test(`held mail actions change nothing for a ${persona} user`, async ({ page, context }) => {
    test.setTimeout(150_000);
    const ticket = await createTicket();
    const tag = randomUUID().slice(0, 8);
    const mail = await strangerMail(ticket.id, `probe ${tag}`, `probe ${tag}`);
    await waitUntilHeld(mail.id);
    const agent = await createStaffUser();
    for (const button of ["チケットに追加", "新しい問い合わせにする", "破棄"]) {
      await attemptLockedOut(page, context, agent, persona, "/admin/mail", () => item(page, mail.id).getByRole("button", { name: button }).click());
      expect(await inboundState(mail.id)).toMatchObject({ state: "held", handledById: null });
    }
    if (persona === "deactivated") {
      await login(page, agent, "/admin/mail");
      await setActive(agent.id, false);
      const raw = await page.request.get(`/api/admin/inbound/${mail.id}/raw`);
      expect(raw.status()).toBe(401);
      await page.goto("/admin/mail");
      await expect(page).toHaveURL(/\/admin\/login/);
      await expect(page.locator("body")).not.toContainText(tag);
      await setActive(agent.id, true);
    }
  });
}

test("a signed-in agent downloads the stored mail as message/rfc822", async ({ page }) => {
  const ticket = await createTicket();
  const tag = randomUUID().slice(0, 8);
  const mail = await strangerMail(ticket.id, `raw ${tag}`, `raw body ${tag}`);
  await waitUntilHeld(mail.id);
  await login(page, await createStaffUser(), "/admin/mail");
  const raw = await page.request.get(`/api/admin/inbound/${mail.id}/raw`);
  expect(raw.status()).toBe(200);
  expect(raw.headers()["content-type"]).toBe("message/rfc822");
  expect(raw.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(await raw.text()).toContain(`Subject: raw ${tag}`);
});
