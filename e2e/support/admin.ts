// Staff and tickets for the admin specs, made with plain SQL (the e2e process never imports lib/db).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { sql } from "./db";

export type StaffRole = "agent" | "editor" | "admin";
export type TestStaff = { id: string; email: string; password: string; name: string; role: StaffRole };

export async function createStaffUser(options: { role?: StaffRole; name?: string } = {}): Promise<TestStaff> {
  const email = `e2e-${randomUUID().slice(0, 8)}@example.edu`;
  const password = `pw-${randomUUID()}`;
  const name = options.name ?? `E2E ${options.role ?? "agent"} ${email.slice(4, 8)}`;
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "StaffUser" ("email", "name", "role", "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now()) RETURNING "id"`,
    [email, name, options.role ?? "agent", await bcrypt.hash(password, 10)],
  );
  return { id: rows[0].id, email, password, name, role: options.role ?? "agent" };
}

export const setActive = (id: string, active: boolean) => sql(`UPDATE "StaffUser" SET "active" = $2 WHERE "id" = $1`, [id, active]);
export const setRole = (id: string, role: StaffRole) => sql(`UPDATE "StaffUser" SET "role" = $2 WHERE "id" = $1`, [id, role]);

/** The walk through the certificate branch of the JAIST-SSO guide, as the contact form records it. */
export const CERTIFICATE_WALK = {
  walk: ["cert-invalid", "use-cert", "cert-imported", "cert-still-failing"],
  path: ["step0", "step2", "step2-3", "step2-3-1", "step3"],
  endStep: "step2-3-1",
};

export async function createTicket(over: { name?: string; description?: string; messageShown?: string; network?: string; locale?: string } = {}) {
  const { rows: seq } = await sql<{ last: number }>(
    `INSERT INTO "TicketSequence" ("prefix", "year", "last") VALUES ('TST', 2026, 1)
     ON CONFLICT ("prefix", "year") DO UPDATE SET "last" = "TicketSequence"."last" + 1 RETURNING "last"`,
  );
  const reference = `TST-2026-${String(seq[0].last).padStart(6, "0")}`;
  const tag = randomUUID().slice(0, 8);
  const answers = {
    network: over.network ?? "off-campus",
    service: "webmail",
    messageShown: over.messageShown ?? "cert-invalid-no-otp",
    factor: "certificate",
    stopsAt: "after-certificate",
    tried: CERTIFICATE_WALK.path.slice(0, -1),
    certificateImported: "yes",
  };
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "Ticket" ("reference", "guideId", "path", "walk", "endStep", "pathAnswers", "answers", "changedFields", "locale", "name",
       "username", "affiliation", "email", "failedAt", "description", "statusTokenHash", "statusTokenExpiresAt", "updatedAt")
     VALUES ($1, 'jaist-sso', $2, $3, $4, $5, $6, $7, $8, $9, $10, 'student', $11, now() - interval '1 hour', $12, $13,
       now() + interval '180 days', now()) RETURNING "id"`,
    [
      reference,
      CERTIFICATE_WALK.path,
      CERTIFICATE_WALK.walk,
      CERTIFICATE_WALK.endStep,
      JSON.stringify({ message: "cert-invalid-no-otp", factor: "certificate", certificateImported: "yes" }),
      JSON.stringify(answers),
      ["network"],
      over.locale ?? "ja",
      over.name ?? `北陸 太郎 ${tag}`,
      `s26${tag.slice(0, 5)}`,
      `requester-${tag}@example.com`,
      over.description ?? `証明書を選んでも「提示したクライアント証明書が無効です」と出ます。<script>alert(1)</script> ${tag}`,
      randomUUID(),
    ],
  );
  await sql(`INSERT INTO "TicketEvent" ("ticketId", "actorType", "kind", "after") VALUES ($1, 'requester', 'created', '{"status":"new"}')`, [rows[0].id]);
  return { id: rows[0].id, reference, tag, email: `requester-${tag}@example.com` };
}

export async function ticketState(id: string) {
  const { rows } = await sql<{ status: string; priority: string; assigneeId: string | null; messages: number; events: number }>(
    `SELECT t."status"::text, t."priority"::text, t."assigneeId",
       (SELECT count(*)::int FROM "TicketMessage" m WHERE m."ticketId" = t."id") AS "messages",
       (SELECT count(*)::int FROM "TicketEvent" e WHERE e."ticketId" = t."id") AS "events"
     FROM "Ticket" t WHERE t."id" = $1`,
    [id],
  );
  return rows[0];
}

export async function login(page: Page, staff: { email: string; password: string }, path = "/admin") {
  await page.goto(`/admin/login?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("メールアドレス").fill(staff.email);
  await page.getByLabel("パスワード").fill(staff.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  // bcrypt is deliberately slow, and slower still on a busy CI machine.
  await expect(page).toHaveURL((url) => url.pathname === path.split("?")[0], { timeout: 30_000 });
}

/** A pending invitation (its link unknown: only a random hash is stored), for the staff page's resend/revoke. */
export async function createInvitation(createdById: string) {
  const email = `e2e-invitee-${randomUUID().slice(0, 8)}@example.edu`;
  const { rows } = await sql<{ id: string }>(
    `INSERT INTO "StaffToken" ("kind", "tokenHash", "email", "name", "role", "createdById", "expiresAt")
     VALUES ('invitation', $1, $2, 'E2E Invitee', 'agent', $3, now() + interval '72 hours') RETURNING "id"`,
    [randomUUID(), email, createdById],
  );
  return { id: rows[0].id, email };
}

export async function invitationState(id: string) {
  const { rows } = await sql<{ tokenHash: string; revoked: boolean; mails: number }>(
    `SELECT t."tokenHash", t."revokedAt" IS NOT NULL AS "revoked",
       (SELECT count(*)::int FROM "OutboxMail" m WHERE m."to" = t."email") AS "mails"
     FROM "StaffToken" t WHERE t."id" = $1`,
    [id],
  );
  return rows[0];
}

/** A live password-reset link for a staff member, made the way lib/data/staff-tokens.ts makes one. */
export async function createResetLink(staffId: string, email: string) {
  const token = randomBytes(16).toString("base64url");
  await sql(
    `INSERT INTO "StaffToken" ("kind", "tokenHash", "email", "staffId", "expiresAt") VALUES ('reset', $1, $2, $3, now() + interval '1 hour')`,
    [createHash("sha256").update(token).digest("hex"), email, staffId],
  );
  return `/admin/reset-password/${token}`;
}

/** Who may no longer: signed out, deactivated with a live session, or demoted to an agent with one. */
export type LockedOut = "anonymous" | "deactivated" | "agent";

/**
 * A probe of one staff action by someone who no longer may: `staff` signs in at `open`, then loses the
 * session (anonymous), is deactivated or is demoted to an agent with the session still live, and
 * `submit` uses the page as it was; the server must send them to sign in (to the forbidden page when
 * demoted). The account is as it was again, and signed out, afterwards.
 */
export async function attemptLockedOut(page: Page, context: BrowserContext, staff: TestStaff, persona: LockedOut, open: string, submit: () => Promise<void>) {
  await login(page, staff, open);
  if (persona === "anonymous") await context.clearCookies();
  else if (persona === "deactivated") await setActive(staff.id, false);
  else await setRole(staff.id, "agent");
  await submit();
  await expect(page).toHaveURL(persona === "agent" ? /\/admin\/forbidden/ : /\/admin\/login/);
  if (persona === "deactivated") await setActive(staff.id, true);
  if (persona === "agent") await setRole(staff.id, staff.role);
  await context.clearCookies();
}
