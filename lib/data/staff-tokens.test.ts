import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkAccess } from "@/lib/auth/access";
import { LOGIN_LIMIT_PER_ACCOUNT, verifyLogin } from "@/lib/auth/credentials";
import { StaffError } from "@/lib/data/staff";
import {
  acceptInvitation,
  checkStaffToken,
  inviteStaff,
  RESET_LIMIT_PER_ACCOUNT,
  RESET_LIMIT_PER_IP,
  requestPasswordReset,
  resendInvitation,
  resetPassword,
  revokeInvitation,
} from "@/lib/data/staff-tokens";
import { createStaff } from "@/lib/testing/factories";
import { hashToken } from "@/lib/tokens";

const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;
const newEmail = () => `invitee-${randomUUID().slice(0, 8)}@example.edu`;
const NEW_PASSWORD = "a-new-long-password";

async function mailsTo(to: string) {
  return db().outboxMail.findMany({ where: { to }, orderBy: { createdAt: "asc" }, select: { kind: true, subject: true, text: true } });
}

function tokenIn(text: string, route: "invitation" | "reset-password"): string {
  const match = text.match(new RegExp(`/admin/${route}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${route} link in: ${text}`);
  return match[1];
}

async function invite(role: "agent" | "admin" = "agent") {
  const { user: admin } = await createStaff({ role: "admin", name: "招待 する人" });
  const email = newEmail();
  const invitation = await inviteStaff(admin, { email, name: "新人 花子", role });
  const [mail] = await mailsTo(email);
  return { admin, email, invitation, mail, token: tokenIn(mail.text, "invitation") };
}

describe("invitations", () => {
  it("mails a single-use link, keeps only its hash, and creates the account with the chosen password", async () => {
    const { email, mail, token } = await invite("admin");
    expect(mail).toMatchObject({ kind: "staff-invitation", subject: "[Tebiki] ヘルプデスク管理画面への招待" });
    expect(mail.text).toContain("新人 花子 様");
    expect(mail.text).toContain("招待 する人 さん");
    expect(mail.text).toContain("管理者");
    expect(await db().staffToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await db().staffToken.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
    expect(await checkStaffToken("invitation", token)).toEqual({ ok: true, email, name: "新人 花子" });

    expect(await acceptInvitation(token, NEW_PASSWORD)).toEqual({ ok: true, email });
    const user = await db().staffUser.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ name: "新人 花子", role: "admin", active: true });
    expect(await bcrypt.compare(NEW_PASSWORD, user.passwordHash!)).toBe(true);
    expect((await verifyLogin(email, NEW_PASSWORD, ip())).ok).toBe(true);
  });

  it("refuses a reused link without touching the account", async () => {
    const { email, token } = await invite();
    expect((await acceptInvitation(token, NEW_PASSWORD)).ok).toBe(true);
    expect(await acceptInvitation(token, "someone-elses-password")).toEqual({ ok: false, problem: "used" });
    expect(await checkStaffToken("invitation", token)).toEqual({ ok: false, problem: "used" });
    expect((await verifyLogin(email, NEW_PASSWORD, ip())).ok).toBe(true);
  });

  it("uses a link once even when two requests race", async () => {
    const { email, token } = await invite();
    const results = await Promise.all([acceptInvitation(token, NEW_PASSWORD), acceptInvitation(token, "the-other-password")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().staffUser.count({ where: { email } })).toBe(1);
  });

  it("refuses an expired link", async () => {
    const { email, token } = await invite();
    await db().staffToken.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await checkStaffToken("invitation", token)).toEqual({ ok: false, problem: "expired" });
    expect(await acceptInvitation(token, NEW_PASSWORD)).toEqual({ ok: false, problem: "expired" });
    expect(await db().staffUser.count({ where: { email } })).toBe(0);
  });

  it("resend mails a new link and kills the old one; revoke kills the link", async () => {
    const { admin, email, invitation, token: first } = await invite();
    await resendInvitation(admin, invitation.id);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    const second = tokenIn(mails[1].text, "invitation");
    expect(second).not.toBe(first);
    expect(await acceptInvitation(first, NEW_PASSWORD)).toEqual({ ok: false, problem: "invalid" });

    await revokeInvitation(admin, invitation.id);
    expect(await acceptInvitation(second, NEW_PASSWORD)).toEqual({ ok: false, problem: "invalid" });
    expect(await db().staffUser.count({ where: { email } })).toBe(0);
    await expect(resendInvitation(admin, invitation.id)).rejects.toThrow(StaffError);
  });

  it("refuses to invite an existing account or an address already invited", async () => {
    const { admin, email } = await invite();
    await expect(inviteStaff(admin, { email, name: "x", role: "agent" })).rejects.toMatchObject({ code: "pending" });
    const { user } = await createStaff();
    await expect(inviteStaff(admin, { email: user.email, name: "x", role: "agent" })).rejects.toMatchObject({ code: "duplicate" });
    expect(await mailsTo(user.email)).toHaveLength(0);
  });

  it("does not overwrite an account made for the address meanwhile", async () => {
    const { email, token } = await invite();
    const { user, password } = await createStaff({ email });
    expect(await acceptInvitation(token, NEW_PASSWORD)).toEqual({ ok: false, problem: "exists" });
    expect(await bcrypt.compare(password, (await db().staffUser.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!)).toBe(true);
  });
});

describe("password reset", () => {
  it("answers the same for an unknown, a deactivated and an active account; only the active one gets a mail", async () => {
    const { user: active } = await createStaff();
    const { user: inactive } = await createStaff({ active: false });
    const unknown = newEmail();
    for (const email of [active.email, inactive.email, unknown]) expect(await requestPasswordReset(email, ip())).toEqual({ ok: true });
    expect(await mailsTo(inactive.email)).toHaveLength(0);
    expect(await mailsTo(unknown)).toHaveLength(0);
    const [mail] = await mailsTo(active.email);
    expect(mail).toMatchObject({ kind: "staff-password-reset", subject: "[Tebiki] パスワードの再設定" });
    expect(mail.text).toContain("60分間有効");
  });

  it("sets the new password, ends every session, clears a login lock and cannot be reused", async () => {
    const { user, password } = await createStaff({ email: `Reset-${randomUUID().slice(0, 6)}@Example.com` });
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) await verifyLogin(user.email, "wrong", ip());
    expect(await checkAccess(user.id, "staff", 0)).toMatchObject({ ok: true });

    await requestPasswordReset(user.email.toLowerCase(), ip());
    const token = tokenIn((await mailsTo(user.email))[0].text, "reset-password");
    expect(await checkStaffToken("reset", token)).toMatchObject({ ok: true, email: user.email });
    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: true, email: user.email });

    // The session signed in before the reset (version 0) is over; a new sign-in carries version 1.
    expect(await checkAccess(user.id, "staff", 0)).toEqual({ ok: false, reason: "anonymous" });
    expect(await checkAccess(user.id, "staff", undefined)).toEqual({ ok: false, reason: "anonymous" });
    expect((await verifyLogin(user.email, password, ip())).ok).toBe(false);
    const login = await verifyLogin(user.email, NEW_PASSWORD, ip());
    expect(login).toMatchObject({ ok: true, user: { sessionVersion: 1 } });
    expect(await checkAccess(user.id, "staff", 1)).toMatchObject({ ok: true });

    expect(await resetPassword(token, "yet-another-password")).toEqual({ ok: false, problem: "used" });
    expect((await verifyLogin(user.email, NEW_PASSWORD, ip())).ok).toBe(true);
  });

  it("refuses an expired link and the link of an account deactivated since", async () => {
    const { user: a, password: pa } = await createStaff();
    const { user: b, password: pb } = await createStaff();
    await requestPasswordReset(a.email, ip());
    await requestPasswordReset(b.email, ip());
    const ta = tokenIn((await mailsTo(a.email))[0].text, "reset-password");
    const tb = tokenIn((await mailsTo(b.email))[0].text, "reset-password");

    await db().staffToken.update({ where: { tokenHash: hashToken(ta) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resetPassword(ta, NEW_PASSWORD)).toEqual({ ok: false, problem: "expired" });

    await db().staffUser.update({ where: { id: b.id }, data: { active: false } });
    expect(await checkStaffToken("reset", tb)).toEqual({ ok: false, problem: "inactive" });
    expect(await resetPassword(tb, NEW_PASSWORD)).toEqual({ ok: false, problem: "inactive" });

    for (const [u, p] of [[a, pa], [b, pb]] as const) {
      expect(await bcrypt.compare(p, (await db().staffUser.findUniqueOrThrow({ where: { id: u.id } })).passwordHash!)).toBe(true);
    }
  });

  it("answers wrong, malformed and cross-purpose tokens with 'invalid'", async () => {
    const { token: invitationToken } = await invite();
    for (const probe of ["", "x", "A".repeat(22), randomUUID(), "../../etc/passwd", "%00", "A".repeat(5000), invitationToken]) {
      expect(await checkStaffToken("reset", probe)).toEqual({ ok: false, problem: "invalid" });
      expect(await resetPassword(probe, NEW_PASSWORD)).toEqual({ ok: false, problem: "invalid" });
    }
    expect(await acceptInvitation("A".repeat(22), NEW_PASSWORD)).toEqual({ ok: false, problem: "invalid" });
  });

  it("limits requests per address (silently: the answer stays the same) and per IP (said)", async () => {
    const { user } = await createStaff();
    for (let i = 0; i < RESET_LIMIT_PER_ACCOUNT.limit + 2; i++) expect(await requestPasswordReset(user.email, ip())).toEqual({ ok: true });
    expect(await mailsTo(user.email)).toHaveLength(RESET_LIMIT_PER_ACCOUNT.limit);

    const from = ip();
    for (let i = 0; i < RESET_LIMIT_PER_IP.limit; i++) expect(await requestPasswordReset(newEmail(), from)).toEqual({ ok: true });
    const { user: other } = await createStaff();
    expect(await requestPasswordReset(other.email, from)).toEqual({ ok: false, reason: "rate-limited" });
    expect(await mailsTo(other.email)).toHaveLength(0);
  });
});
