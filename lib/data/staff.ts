// Staff accounts. Reads for the guards and login; writes take the acting admin, whom the caller has
// checked (requireAdmin) on its first line.
import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";

export type StaffSessionUser = { id: string; email: string; name: string; role: "agent" | "editor" | "admin"; active: boolean; sessionVersion: number };

const sessionSelect = { id: true, email: true, name: true, role: true, active: true, sessionVersion: true } as const;

export async function findStaffById(id: string): Promise<StaffSessionUser | null> {
  return db().staffUser.findUnique({ where: { id }, select: sessionSelect });
}

// E-mail addresses are compared without case: accounts made before normalisation may have capitals.
export async function findStaffForLogin(email: string) {
  return db().staffUser.findFirst({
    where: { email: { equals: email.trim(), mode: "insensitive" } },
    select: { ...sessionSelect, passwordHash: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function findActiveStaffByEmail(email: string) {
  return db().staffUser.findFirst({ where: { email: { equals: email.trim(), mode: "insensitive" }, active: true }, select: sessionSelect });
}

export async function markLoggedIn(id: string) {
  await db().staffUser.update({ where: { id }, data: { lastLoginAt: new Date() }, select: { id: true } });
}

export async function listStaff() {
  return db().staffUser.findMany({
    select: { ...sessionSelect, lastLoginAt: true, createdAt: true },
    orderBy: [{ active: "desc" }, { name: "asc" }],
  });
}

/** Active staff for assignee pickers. */
export async function listAssignableStaff() {
  return db().staffUser.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export class StaffError extends Error {
  constructor(public code: "duplicate" | "pending" | "self" | "not-found") {
    super(code);
  }
}

/** Creates or updates (name, role, password, active again) an account: the staff:create script. */
export async function upsertStaffUser(input: { email: string; name: string; role: "agent" | "editor" | "admin"; password: string }) {
  const passwordHash = await bcrypt.hash(input.password, 12);
  return db().staffUser.upsert({
    where: { email: input.email },
    update: { name: input.name, role: input.role, passwordHash, active: true },
    create: { email: input.email, name: input.name, role: input.role, passwordHash },
    select: { id: true, email: true, role: true },
  });
}

export async function setStaffRole(actor: { id: string }, id: string, role: "agent" | "editor" | "admin") {
  // An admin demoting themself could leave nobody able to manage staff.
  if (actor.id === id) throw new StaffError("self");
  const { count } = await db().staffUser.updateMany({ where: { id }, data: { role } });
  if (!count) throw new StaffError("not-found");
}

export async function setStaffActive(actor: { id: string }, id: string, active: boolean) {
  if (actor.id === id) throw new StaffError("self");
  const { count } = await db().staffUser.updateMany({ where: { id }, data: { active } });
  if (!count) throw new StaffError("not-found");
}

/** Display names of active staff, for the presence list of a ticket (lib/live/hub.ts). */
export async function listStaffNames(ids: string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return db().staffUser.findMany({ where: { id: { in: ids }, active: true }, select: { id: true, name: true } });
}
