// The mail loop end to end (issue 11, decision 0024) with the real servers: the requester's mail is
// delivered into the help desk's Dovecot mailbox over LMTP (or handed to the app's SMTP listener),
// the app server's inbound worker hears of it by IDLE, and the result is checked where people see
// it: on the ticket page in the browser and in the mail the SMTP sink received.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import MailComposer from "nodemailer/lib/mail-composer";
import { encodedJis, phoneReply as phoneMail, TINY_PNG as PNG } from "@/lib/testing/mail-fixtures";
import { createStaffUser, login } from "./support/admin";
import { sql } from "./support/db";
import { apiBody } from "./support/intake";
import { deliverToHelpdesk, receivedMail, sendToAppSmtp, waitForMail, type ReceivedMail } from "./support/mail";


/** A ticket made through the public API, and the confirmation mail its requester received. */
async function ticketWithConfirmation(request: APIRequestContext) {
  const body = apiBody();
  const created = await request.post("/api/v1/tickets", { headers: { "x-forwarded-for": `198.19.${randomUUID()}` }, data: body });
  expect(created.status()).toBe(201);
  const { reference } = (await created.json()) as { reference: string };
  const email = body.email as string;
  const confirmation = await waitForMail(email, (m) => Boolean(m.subject?.includes(reference)));
  expect(confirmation.messageId).toBeTruthy();
  expect(confirmation.replyTo).toHaveLength(1);
  return { reference, email, confirmation, replyTo: confirmation.replyTo![0] };
}

/** A reply as a Japanese phone mail app sends it: ISO-2022-JP, quoted history, signature, a photo named .JPG. */
function phoneReply(o: { from: string; to: string; subject: string; messageId: string; replyingTo: ReceivedMail; text: string }) {
  return phoneMail({
    headers: [
      `From: ${encodedJis("北陸")} <${o.from}>`,
      `To: ${o.to}`,
      `Subject: ${encodedJis(o.subject)}`,
      `Message-ID: ${o.messageId}`,
      `In-Reply-To: ${o.replyingTo.messageId}`,
      `References: ${[...o.replyingTo.references, o.replyingTo.messageId].join(" ")}`,
      `Date: ${new Date().toUTCString()}`,
    ],
    lines: [o.text, "", "iPhoneから送信", "", "2026/11/26 10:02、ヘルプデスク <helpdesk@localhost>のメッセージ:", "", "> 受け付けました。", "> 引用された古い本文"],
  });
}

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

const conversation = (page: Page) => page.getByRole("region", { name: "やり取り" }).getByRole("listitem");

/** Reloads the ticket page until the conversation has `count` entries containing `text` (the page is server-rendered). */
async function expectOnTicketPage(page: Page, reference: string, text: string, count = 1) {
  await expect
    .poll(
      async () => {
        await page.goto(`/admin/tickets/${reference}`);
        return conversation(page).filter({ hasText: text }).count();
      },
      { timeout: 30_000, message: `"${text}" on ${reference}` },
    )
    .toBe(count);
}

async function inboundState(messageId: string) {
  const { rows } = await sql<{ state: string; reason: string | null; ticketId: string | null }>(
    `SELECT "state"::text, "reason", "ticketId"::text FROM "InboundMail" WHERE "messageKey" = $1`,
    [`mid:${messageId.replace(/^<|>$/g, "")}`],
  );
  return rows[0] ?? null;
}

const ticketId = async (reference: string) => (await sql<{ id: string }>(`SELECT "id"::text FROM "Ticket" WHERE "reference" = $1`, [reference])).rows[0].id;
const outboxCount = async (id: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMail" WHERE "ticketId" = $1`, [id])).rows[0].n;

test("a phone reply lands once, cleaned, with its photo; the staff reply threads; an auto-reply is not answered", async ({ page, request }) => {
  test.setTimeout(150_000);
  const { reference, email, confirmation, replyTo } = await ticketWithConfirmation(request);
  // The plus-address names the ticket by its unguessable token, not its reference.
  expect(replyTo).toMatch(/^helpdesk\+[0-9a-f]{32}@localhost$/);
  expect(confirmation.messageId).toMatch(/^<[^<>@]+@localhost>$/);

  const tag = randomUUID().slice(0, 6);
  const text = `エラー画面になります (${tag})。`;
  const phoneId = `<${randomUUID()}@phone.example>`;
  const raw = phoneReply({ from: email, to: replyTo, subject: `Re: ${confirmation.subject}`, messageId: phoneId, replyingTo: confirmation, text });
  await deliverToHelpdesk(raw, email);

  const staff = await createStaffUser({ role: "agent" });
  await login(page, staff, "/admin/tickets");
  await expectOnTicketPage(page, reference, text);
  const entry = conversation(page).filter({ hasText: text });
  await expect(entry).toContainText("依頼者");
  // Cleaned: the signature and the quoted history are cut; the photo is kept as what it really is.
  await expect(entry).not.toContainText("iPhoneから送信");
  await expect(entry).not.toContainText("引用された古い本文");
  const photo = entry.getByRole("link", { name: "IMG_0001.png" });
  await expect(photo).toBeVisible();
  const file = await page.request.get((await photo.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toContain("image/png");
  expect(Buffer.from(await file.body()).equals(PNG)).toBe(true);

  // The same mail again, now from a sending server to the app's own SMTP listener: a 250 means it is
  // stored (decision 0024), and it is the same mail, so nothing more arrives on the ticket.
  const again = await sendToAppSmtp(raw, { from: email, to: replyTo });
  expect(again.response).toMatch(/^250/);
  expect(await inboundState(phoneId)).toMatchObject({ state: "applied", ticketId: await ticketId(reference) });
  await page.reload();
  await expect(conversation(page).filter({ hasText: text })).toHaveCount(1);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // The agent replies in the browser; the mail threads in the requester's client.
  const answer = `ブラウザのキャッシュを消してください (${tag})`;
  await page.locator("#reply-body").fill(answer);
  await page.getByRole("button", { name: "返信を送信" }).click();
  await expect(page.getByText("返信を送信しました")).toBeVisible();
  const staffMail = await waitForMail(email, (m) => m.text.includes(answer));
  expect(staffMail.inReplyTo).toBe(phoneId);
  expect(staffMail.references).toEqual(expect.arrayContaining([phoneId, confirmation.messageId]));
  expect(staffMail.subject).toContain(`[${reference}]`);
  expect(staffMail.replyTo).toEqual([replyTo]);
  expect(staffMail.messageId).not.toBe(confirmation.messageId);

  // The requester's vacation auto-reply to it is stored and ignored: no mail goes out to it.
  const id = await ticketId(reference);
  const outboxBefore = await outboxCount(id);
  const sinkBefore = receivedMail().filter((m) => m.to.includes(email)).length;
  const autoId = `<${randomUUID()}@phone.example>`;
  await deliverToHelpdesk(
    await compose({
      from: email,
      to: replyTo,
      subject: `自動応答: ${staffMail.subject}`,
      messageId: autoId,
      inReplyTo: staffMail.messageId,
      references: [...staffMail.references, staffMail.messageId!],
      headers: { "Auto-Submitted": "auto-replied" },
      text: `不在にしています (${tag})。`,
    }),
    email,
  );
  await expect.poll(() => inboundState(autoId), { timeout: 30_000 }).toMatchObject({ state: "ignored" });
  // Outbox rows are written in the transaction that handles a mail, so this is final, not a race.
  expect(await outboxCount(id)).toBe(outboxBefore);
  await page.reload();
  await expect(conversation(page).filter({ hasText: `不在にしています (${tag})` })).toHaveCount(0);
  expect(receivedMail().filter((m) => m.to.includes(email)).length).toBe(sinkBefore);
});

test("a mail from another sender to the ticket's address waits in the held queue", async ({ request }) => {
  const { reference, confirmation, replyTo } = await ticketWithConfirmation(request);
  const stranger = `someone.${randomUUID().slice(0, 8)}@example.org`;
  const strangerId = `<${randomUUID()}@example.org>`;
  await deliverToHelpdesk(
    await compose({ from: stranger, to: replyTo, subject: `Re: ${confirmation.subject}`, messageId: strangerId, inReplyTo: confirmation.messageId, text: "私も同じ症状です。" }),
    stranger,
  );
  await expect.poll(() => inboundState(strangerId), { timeout: 30_000 }).toEqual({ state: "held", reason: "unverified-sender", ticketId: await ticketId(reference) });
  const { rows } = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "TicketMessage" WHERE "ticketId" = $1`, [await ticketId(reference)]);
  expect(rows[0].n).toBe(0);
});

test("a password in a mail is masked before anyone sees it", async ({ page, request }) => {
  const { reference, email, confirmation, replyTo } = await ticketWithConfirmation(request);
  const password = `Tb${randomUUID().slice(0, 6)}!9`;
  const tag = randomUUID().slice(0, 6);
  await deliverToHelpdesk(
    await compose({
      from: email,
      to: replyTo,
      subject: `Re: ${confirmation.subject}`,
      messageId: `<${randomUUID()}@phone.example>`,
      inReplyTo: confirmation.messageId,
      text: `確認をお願いします (${tag})。パスワードは ${password} です。`,
    }),
    email,
  );
  const staff = await createStaffUser({ role: "agent" });
  await login(page, staff, "/admin/tickets");
  await expectOnTicketPage(page, reference, tag);
  await expect(conversation(page).filter({ hasText: tag })).toContainText("[****]");
  expect(await page.content()).not.toContain(password);
  // The requester is told why their text was changed.
  const notice = await waitForMail(email, (m) => Boolean(m.subject?.includes("メールでパスワードを送らないでください")));
  expect(notice.subject).toContain(`[${reference}]`);
  expect(notice.text).not.toContain(password);
  const { rows } = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "TicketMessage" WHERE "body" LIKE $1`, [`%${password}%`]);
  expect(rows[0].n).toBe(0);
});
