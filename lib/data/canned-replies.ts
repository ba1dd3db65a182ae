// Canned replies (macros) for the staff reply box. Admin actions and staff pages check the session
// themselves before calling these (lib/auth/guards.ts).
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CannedReplyInput } from "@/lib/validation/canned-reply";

const FIELDS = { id: true, title: true, bodyJa: true, bodyEn: true, updatedAt: true } as const;

export class CannedReplyError extends Error {
  constructor(public code: "duplicate" | "not-found") {
    super(code);
  }
}

export function listCannedReplies() {
  return db().cannedReply.findMany({ select: FIELDS, orderBy: { title: "asc" } });
}
export type CannedReply = Awaited<ReturnType<typeof listCannedReplies>>[number];

export function getCannedReply(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
  return db().cannedReply.findUnique({ where: { id }, select: FIELDS });
}

function known(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") throw new CannedReplyError("duplicate");
    if (error.code === "P2025") throw new CannedReplyError("not-found");
  }
  throw error;
}

export async function createCannedReply(input: CannedReplyInput) {
  return db().cannedReply.create({ data: input, select: { id: true } }).catch(known);
}

export async function updateCannedReply(id: string, input: CannedReplyInput) {
  return db().cannedReply.update({ where: { id }, data: input, select: { id: true } }).catch(known);
}

export async function deleteCannedReply(id: string) {
  await db().cannedReply.delete({ where: { id }, select: { id: true } }).catch(known);
}
