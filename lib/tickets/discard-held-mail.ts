// Staff discard a held mail (issue 11, part Q): kept, as ignored, with who discarded it.
import "server-only";
import { settleHeldMail } from "@/lib/data/inbound-mail";
import { HeldMailError } from "@/lib/tickets/held-mail";

export async function discardHeldMail(actor: { id: string }, inboundId: string, now = new Date()) {
  if (!(await settleHeldMail(inboundId, { state: "ignored", reason: "discarded-by-staff" }, actor.id, undefined, now))) throw new HeldMailError("handled");
}
