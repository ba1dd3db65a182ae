// Staff invitations and password resets: single-use links mailed through the outbox, of which the
// database keeps only a hash (docs/decisions/0017-staff-invitations-and-password-reset.md).
// Admin writes take the acting admin, whom the caller has checked (requireAdmin) on its first line;
// accepting a link is public by nature and checks the token instead.
import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/data/outbox";
import { StaffError } from "@/lib/data/staff";
import { env } from "@/lib/env";
import { getSignOff } from "@/lib/data/settings";
import { staffInvitationMail, staffPasswordResetMail } from "@/lib/mail/templates";
import { clear, hit } from "@/lib/rate-limit";
import { hashToken, newSecretToken } from "@/lib/tokens";
import type { Prisma, StaffRole, StaffTokenKind } from "@/lib/generated/prisma/client";

export const INVITATION_HOURS = 72;
export const RESET_MINUTES = 60;
// A person may ask a few times (a mail is slow, a spam filter ate it); more is a script.
export const RESET_LIMIT_PER_ACCOUNT = { limit: 3, seconds: 3600 };
export const RESET_LIMIT_PER_IP = { limit: 10, seconds: 3600 };

const BCRYPT_COST = 12;

export const invitationUrl = (token: string) => `${env().APP_URL.replace(/\/$/, "")}/admin/invitation/${token}`;
export const resetUrl = (token: string) => `${env().APP_URL.replace(/\/$/, "")}/admin/reset-password/${token}`;

const hoursFromNow = (hours: number, now = new Date()) => new Date(now.getTime() + hours * 3600_000);

export async function listPendingInvitations() {
  return db().staffToken.findMany({
    where: { kind: "invitation", usedAt: null, revokedAt: null },
    select: { id: true, email: true, name: true, role: true, expiresAt: true, createdAt: true, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

export async function inviteStaff(actor: { id: string; name: string }, input: { email: string; name: string; role: StaffRole }) {
  const { token, hash } = newSecretToken();
  return db().$transaction(async (tx) => {
    // Serialises two admins inviting the same address at once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invite:${input.email}`}, 0))`;
    const existing = await tx.staffUser.findFirst({ where: { email: { equals: input.email, mode: "insensitive" } }, select: { id: true } });
    if (existing) throw new StaffError("duplicate");
    const pending = await tx.staffToken.findFirst({ where: { kind: "invitation", email: input.email, usedAt: null, revokedAt: null }, select: { id: true } });
    if (pending) throw new StaffError("pending");
    const invitation = await tx.staffToken.create({
      data: { kind: "invitation", tokenHash: hash, email: input.email, name: input.name, role: input.role, createdById: actor.id, expiresAt: hoursFromNow(INVITATION_HOURS) },
      select: { id: true },
    });
    await enqueueMail(tx, {
      kind: "staff-invitation",
      to: input.email,
      ...staffInvitationMail({ name: input.name, role: input.role, inviterName: actor.name, url: invitationUrl(token), expiresHours: INVITATION_HOURS, signOff: await getSignOff(tx) }),
    });
    return invitation;
  });
}

/** A fresh link and a fresh expiry; the previous link stops working. */
export async function resendInvitation(actor: { id: string; name: string }, id: string) {
  const { token, hash } = newSecretToken();
  await db().$transaction(async (tx) => {
    const { count } = await tx.staffToken.updateMany({
      where: { id, kind: "invitation", usedAt: null, revokedAt: null },
      data: { tokenHash: hash, expiresAt: hoursFromNow(INVITATION_HOURS) },
    });
    if (!count) throw new StaffError("not-found");
    const invitation = await tx.staffToken.findUniqueOrThrow({ where: { id }, select: { email: true, name: true, role: true } });
    await enqueueMail(tx, {
      kind: "staff-invitation",
      to: invitation.email,
      ...staffInvitationMail({ name: invitation.name ?? "", role: invitation.role ?? "agent", inviterName: actor.name, url: invitationUrl(token), expiresHours: INVITATION_HOURS, signOff: await getSignOff(tx) }),
    });
  });
}

export async function revokeInvitation(_actor: { id: string }, id: string) {
  const { count } = await db().staffToken.updateMany({ where: { id, kind: "invitation", usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!count) throw new StaffError("not-found");
}

/** Why a link cannot be used. "invalid" also covers unknown and revoked tokens: nothing to tell apart. */
export type TokenProblem = "invalid" | "used" | "expired" | "inactive" | "exists";

type Usable = { ok: true; email: string; name: string } | { ok: false; problem: TokenProblem };

// Shaped like a token from newSecretToken(); anything else is not looked up at all.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

async function classify(kind: StaffTokenKind, token: string, now = new Date()): Promise<Usable> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, problem: "invalid" };
  const row = await db().staffToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { kind: true, email: true, name: true, usedAt: true, revokedAt: true, expiresAt: true, staff: { select: { name: true, active: true } } },
  });
  if (!row || row.kind !== kind || row.revokedAt) return { ok: false, problem: "invalid" };
  if (row.usedAt) return { ok: false, problem: "used" };
  if (row.expiresAt <= now) return { ok: false, problem: "expired" };
  if (kind === "reset" && !row.staff?.active) return { ok: false, problem: "inactive" };
  return { ok: true, email: row.email, name: row.staff?.name ?? row.name ?? "" };
}

/** For the link's page: whom it is for, or why it cannot be used. Changes nothing. */
export function checkStaffToken(kind: StaffTokenKind, token: string): Promise<Usable> {
  return classify(kind, token);
}

class Refused extends Error {
  constructor(public problem: TokenProblem) {
    super(problem);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

// Marks the token used if it still may be, inside the caller's transaction: the row lock taken by the
// UPDATE makes a second, concurrent use find usedAt set.
async function consume(tx: Prisma.TransactionClient, kind: StaffTokenKind, token: string, now: Date) {
  const tokenHash = hashToken(token);
  const { count } = await tx.staffToken.updateMany({
    where: { tokenHash, kind, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (!count) throw new Refused("invalid");
  return tx.staffToken.findUniqueOrThrow({ where: { tokenHash }, select: { id: true, email: true, name: true, role: true, staffId: true } });
}

async function refusal(kind: StaffTokenKind, token: string, error: unknown): Promise<{ ok: false; problem: TokenProblem }> {
  if (error instanceof Refused && error.problem !== "invalid") return { ok: false, problem: error.problem };
  if (error instanceof Refused) {
    const now = await classify(kind, token);
    return { ok: false, problem: now.ok ? "invalid" : now.problem };
  }
  throw error;
}

export type UseResult = { ok: true; email: string } | { ok: false; problem: TokenProblem };

/** Creates the invited account with this password. */
export async function acceptInvitation(token: string, password: string): Promise<UseResult> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, problem: "invalid" };
  const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
  const now = new Date();
  try {
    return await db().$transaction(async (tx) => {
      const invitation = await consume(tx, "invitation", token, now);
      const existing = await tx.staffUser.findFirst({ where: { email: { equals: invitation.email, mode: "insensitive" } }, select: { id: true } });
      if (existing) throw new Refused("exists");
      const user = await tx.staffUser.create({
        data: { email: invitation.email, name: invitation.name ?? invitation.email, role: invitation.role ?? "agent", passwordHash },
        select: { id: true },
      });
      await tx.staffToken.update({ where: { id: invitation.id }, data: { staffId: user.id } });
      return { ok: true as const, email: invitation.email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, problem: "exists" };
    return refusal("invitation", token, error);
  }
}

/**
 * Mails a reset link to an active account with this address. The caller answers the same whatever
 * happens here except an IP over its limit, so the answer never says whether an account exists.
 * `defer` runs the account lookup and the mail: the action hands it to Next's after(), so the answer
 * leaves before that work and takes as long for an unknown address as for a real one (0017).
 */
export async function requestPasswordReset(
  emailInput: string,
  ip: string,
  defer: (work: () => Promise<void>) => void | Promise<void> = (work) => work(),
): Promise<{ ok: true } | { ok: false; reason: "rate-limited" }> {
  const email = emailInput.trim().toLowerCase();
  const byIp = await hit(`reset:ip:${ip}`, [RESET_LIMIT_PER_IP]);
  if (!byIp.ok) return { ok: false, reason: "rate-limited" };
  // Counted per address typed, account or not, so the limit itself reveals nothing; over it, the
  // answer stays the same and no mail goes out (nobody's inbox gets flooded).
  const byAccount = await hit(`reset:email:${email}`, [RESET_LIMIT_PER_ACCOUNT]);
  if (byAccount.ok) await defer(() => mailResetLink(email));
  return { ok: true };
}

async function mailResetLink(email: string): Promise<void> {
  const user = await db().staffUser.findFirst({
    where: { email: { equals: email, mode: "insensitive" }, active: true },
    select: { id: true, email: true, name: true },
    orderBy: { createdAt: "asc" },
  });
  if (!user) return;
  const { token, hash } = newSecretToken();
  await db().$transaction(async (tx) => {
    await tx.staffToken.create({
      data: { kind: "reset", tokenHash: hash, email: user.email, staffId: user.id, expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) },
    });
    await enqueueMail(tx, { kind: "staff-password-reset", to: user.email, ...staffPasswordResetMail({ name: user.name, url: resetUrl(token), expiresMinutes: RESET_MINUTES, signOff: await getSignOff(tx) }) });
  });
}

/** Sets the new password, ends every session of the account and kills its other reset links. */
export async function resetPassword(token: string, password: string): Promise<UseResult> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, problem: "invalid" };
  const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
  const now = new Date();
  try {
    const result = await db().$transaction(async (tx) => {
      const reset = await consume(tx, "reset", token, now);
      if (!reset.staffId) throw new Refused("invalid");
      const { count } = await tx.staffUser.updateMany({
        where: { id: reset.staffId, active: true },
        data: { passwordHash, sessionVersion: { increment: 1 } },
      });
      if (!count) throw new Refused("inactive");
      await tx.staffToken.updateMany({ where: { staffId: reset.staffId, kind: "reset", usedAt: null }, data: { usedAt: now } });
      return tx.staffUser.findUniqueOrThrow({ where: { id: reset.staffId }, select: { email: true } });
    });
    // Whoever proved they own the mailbox may sign in now, even after a run of wrong passwords.
    await clear(`login:email:${result.email.toLowerCase()}`);
    return { ok: true, email: result.email };
  } catch (error) {
    return refusal("reset", token, error);
  }
}
