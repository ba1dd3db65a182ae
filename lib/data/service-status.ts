// Service statuses behind the help pages' banner. Reads are public; writes take the acting staff
// member, whom the caller has checked (requireAdmin) before calling.
import "server-only";
import { db } from "@/lib/db";
import type { ServiceStatusInput } from "@/lib/validation/service-status";

export type ServiceStatusView = {
  id: string;
  nameJa: string;
  nameEn: string;
  state: "operational" | "degraded" | "outage" | "maintenance";
  messageJa: string | null;
  messageEn: string | null;
  since: Date | null;
  until: Date | null;
  updatedAt: Date;
};

const select = {
  id: true,
  nameJa: true,
  nameEn: true,
  state: true,
  messageJa: true,
  messageEn: true,
  since: true,
  until: true,
  updatedAt: true,
} as const;

export async function listServiceStatuses(): Promise<ServiceStatusView[]> {
  return db().serviceStatus.findMany({ select, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
}

/** Services whose state is not operational (what the banner shows). */
export async function listServiceProblems(): Promise<ServiceStatusView[]> {
  return db().serviceStatus.findMany({
    select,
    where: { state: { not: "operational" } },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
}

export async function updateServiceStatus(actor: { id: string; email: string }, id: string, input: ServiceStatusInput) {
  return db().serviceStatus.update({
    where: { id },
    data: { ...input, updatedBy: actor.email },
    select,
  });
}
