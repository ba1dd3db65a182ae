// The CSAT offer made when staff resolve a ticket (docs/decisions/0030-csat.md): one row per ticket,
// written in the resolving transaction, plus the requester's mail with the two one-click links.
import "server-only";
import { enqueueMail } from "@/lib/data/outbox";
import { getSignOff } from "@/lib/data/settings";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ticketResolvedMail } from "@/lib/mail/templates";
import { csatUrls } from "@/lib/csat/links";
import { mintStatusToken, statusUrl } from "@/lib/tickets/status-link";

type Tx = Prisma.TransactionClient;

/**
 * Starts (or, after a reopen, restarts) the 7-day window of a resolved ticket and records who it was
 * resolved by: the assignee now. A rating given before the reopen is kept until the requester changes
 * it (the Zendesk habit). With `mail`, the requester gets the "resolved" mail with the rating links;
 * a reply that resolves carries the links in the reply mail instead (lib/tickets/reply.ts).
 */
export async function offerCsat(tx: Tx, ticketId: string, now: Date, { mail }: { mail: boolean }) {
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: { id: true, reference: true, name: true, email: true, locale: true, assigneeId: true, guideId: true, endStep: true },
  });
  const offer = { resolvedAt: now, agentId: ticket.assigneeId, guideId: ticket.guideId, endStep: ticket.endStep };
  await tx.csatRating.upsert({ where: { ticketId }, create: { ticketId, ...offer }, update: offer, select: { id: true } });
  if (!mail) return;
  const locale = ticket.locale === "en" ? "en" : "ja";
  const link = statusUrl(locale, await mintStatusToken(tx, ticket.id, now));
  const resolved = ticketResolvedMail({ locale, name: ticket.name, reference: ticket.reference, statusUrl: link, ...csatUrls(link), signOff: await getSignOff(tx) });
  await enqueueMail(tx, { ticketId: ticket.id, kind: "ticket-resolved", to: ticket.email, ...resolved });
}

/**
 * An assignee set in the same change as the resolve (the properties form applies status first) is
 * the agent who resolved it: the offer made at that same instant takes the new assignee.
 */
export async function followResolvingAssignee(tx: Tx, ticketId: string, assigneeId: string | null, now: Date) {
  await tx.csatRating.updateMany({ where: { ticketId, resolvedAt: now }, data: { agentId: assigneeId } });
}
