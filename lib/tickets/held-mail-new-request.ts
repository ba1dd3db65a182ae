// Staff make a held mail a new request (issue 11, part Q): the same use case as a mail that answers no
// ticket (create-from-mail.ts), the row leaving "held" in the new ticket's transaction.
import "server-only";
import { settleHeldMail } from "@/lib/data/inbound-mail";
import { createTicketFromMail } from "@/lib/tickets/create-from-mail";
import { HeldMailError, loadHeldMail } from "@/lib/tickets/held-mail";

export async function heldMailToNewRequest(actor: { id: string }, inboundId: string, now = new Date()) {
  const { row, mail, body } = await loadHeldMail(inboundId);
  if (!mail.from) throw new HeldMailError("no-sender");
  return createTicketFromMail({ id: row.id, messageKey: row.messageKey }, mail, body, now, async (tx, ticketId) => {
    if (!(await settleHeldMail(row.id, { state: "applied", ticketId, reason: "new-request-by-staff" }, actor.id, tx, now))) throw new HeldMailError("handled");
  });
}
