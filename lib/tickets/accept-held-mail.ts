// Staff add a held mail to a ticket (issue 11, part Q): the matched ticket or one they name by
// reference. The same use case as a requester's mail (appendRequesterMessage), in one transaction
// with the row's move out of "held", so two staff members cannot both add it.
import "server-only";
import { db } from "@/lib/db";
import { settleHeldMail } from "@/lib/data/inbound-mail";
import { resolveMergedTicket, sameRequester } from "@/lib/data/ticket-merge";
import { HeldMailError, loadHeldMail } from "@/lib/tickets/held-mail";
import { appendRequesterMessage } from "@/lib/tickets/requester-message";

export async function acceptHeldMail(actor: { id: string }, inboundId: string, target: { reference?: string | null } = {}, now = new Date()) {
  const { row, mail, body } = await loadHeldMail(inboundId);
  const named = target.reference?.trim();
  const found = named
    ? await db().ticket.findUnique({ where: { reference: named.toUpperCase() }, select: { id: true } })
    : row.ticketId ? { id: row.ticketId } : null;
  const ticket = found ? await resolveMergedTicket(found.id) : null;
  if (!ticket) throw new HeldMailError("no-ticket");
  // Someone other than the requester: their words must not reach the requester's view (decision 0018).
  const visibility = mail.from && sameRequester(ticket, { email: mail.from.address }) ? "public" : "internal";
  return db().$transaction(async (tx) => {
    if (!(await settleHeldMail(row.id, { state: "applied", ticketId: ticket.id, reason: "accepted-by-staff" }, actor.id, tx, now))) throw new HeldMailError("handled");
    const added = await appendRequesterMessage(tx, ticket.id, { body: body.text, files: mail.files, visibility, via: "mail", now });
    if (!added) throw new HeldMailError("closed");
    // A public message is the requester's: our next reply threads onto it.
    if (visibility === "public" && mail.messageId) await tx.ticket.update({ where: { id: ticket.id }, data: { lastInboundMessageId: mail.messageId } });
    return { ticketId: ticket.id, reference: ticket.reference, visibility };
  });
}
