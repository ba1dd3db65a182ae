// Password sign-in: bcrypt, a generic failure, and failed-attempt limits per account and per IP
// kept in PostgreSQL (lib/rate-limit.ts) so that every app instance counts the same attempts.
import "server-only";
import bcrypt from "bcryptjs";
import { countRecent, clear, record } from "@/lib/rate-limit";
import { findStaffForLogin, markLoggedIn } from "@/lib/data/staff";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const LOGIN_LIMIT_PER_ACCOUNT = 5;
export const LOGIN_LIMIT_PER_IP = 20;

// Compared against when the e-mail is unknown, so that a miss costs as long as a wrong password.
const DUMMY_HASH = "$2b$10$0QquMV86Iw5EE8xirTuOP.iV7vrBG6xTgAcSRQ4IVfDvC12wZ1qO.";

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; role: "agent" | "editor" | "admin"; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "rate-limited" };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function verifyLogin(emailInput: string, password: string, ip: string): Promise<LoginResult> {
  const email = normalizeEmail(emailInput);
  const accountKey = `login:email:${email}`;
  const ipKey = `login:ip:${ip}`;
  const [byAccount, byIp] = await Promise.all([
    countRecent(accountKey, LOGIN_WINDOW_SECONDS),
    countRecent(ipKey, LOGIN_WINDOW_SECONDS),
  ]);
  if (byAccount >= LOGIN_LIMIT_PER_ACCOUNT || byIp >= LOGIN_LIMIT_PER_IP) return { ok: false, reason: "rate-limited" };

  const user = email && password ? await findStaffForLogin(email) : null;
  const matches = await bcrypt.compare(password || "-", user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !matches || !user.active) {
    await Promise.all([record(accountKey), record(ipKey)]);
    return { ok: false, reason: "invalid" };
  }
  await Promise.all([clear(accountKey), markLoggedIn(user.id)]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
