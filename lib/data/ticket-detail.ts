// The staff view of one ticket: the ticket with its messages, files and history, similar tickets,
// and an attachment's bytes. Callers check the actor first (lib/auth/guards).
import "server-only";
import { getGuideDeclaration } from "@/lib/content";
import { db } from "@/lib/db";
import { readAnswers } from "@/lib/guides/answers";
import type { TicketStatus } from "@/lib/tickets/workflow";

export async function getTicketForStaff(_me: { id: string }, reference: string) {
  const ticket = await db().ticket.findUnique({
    where: { reference },
    include: {
      assignee: { select: { id: true, name: true } },
      attachments: { select: { id: true, filename: true, contentType: true, size: true, createdAt: true, messageId: true } },
      messages: {
        orderBy: { createdAt: "asc" },
        select: { id: true, authorType: true, visibility: true, body: true, createdAt: true, author: { select: { name: true } } },
      },
      events: {
        orderBy: [{ createdAt: "asc" }, { version: "asc" }, { id: "asc" }],
        select: EVENT,
      },
      mergedInto: { select: { reference: true } },
      // Their history stays theirs and is shown here, beside the messages that moved (decision 0018).
      mergedFrom: { orderBy: { createdAt: "asc" }, select: { id: true, reference: true, events: { orderBy: [{ createdAt: "asc" }, { version: "asc" }, { id: "asc" }], select: EVENT } } },
    },
  });
  return ticket;
}

const EVENT = { id: true, kind: true, actorType: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } } as const;
export type StaffTicket = NonNullable<Awaited<ReturnType<typeof getTicketForStaff>>>;

/**
 * Same guide, end step and incident answers (the guide's form.incidentFields) in the last 24 hours:
 * a hint that several people hit the same wall.
 */
export async function listSimilarTickets(ticket: { id: string; guideId: string | null; endStep: string | null; answers: unknown }, now = new Date()) {
  if (!ticket.endStep || !ticket.guideId) return [];
  const guide = getGuideDeclaration(ticket.guideId);
  const answers = readAnswers(ticket.answers);
  const same: Record<string, string | string[]> = {};
  for (const key of guide?.form.incidentFields ?? []) if (Object.hasOwn(answers, key)) same[key] = answers[key];
  return db().$queryRaw<{ id: string; reference: string; status: TicketStatus; name: string; answers: Record<string, unknown>; createdAt: Date }[]>`
    SELECT "id", "reference", "status"::text AS "status", "name", "answers", "createdAt" FROM "Ticket"
    WHERE "guideId" = ${ticket.guideId} AND "endStep" = ${ticket.endStep} AND "answers" @> ${JSON.stringify(same)}::jsonb
      AND "createdAt" >= ${new Date(now.getTime() - 86_400_000)} AND "id" <> ${ticket.id}::uuid
    ORDER BY "createdAt" DESC LIMIT 10`;
}

/** An attachment's bytes for staff download (the caller has run requireStaff). */
export async function getAttachmentForStaff(_me: { id: string }, id: string) {
  return db().attachment.findUnique({ where: { id }, select: { filename: true, contentType: true, size: true, data: true } });
}
