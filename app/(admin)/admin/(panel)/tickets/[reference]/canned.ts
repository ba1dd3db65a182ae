// The canned replies as this ticket's reply box offers them: in the ticket's language, placeholders
// filled except {{status_link}}, which the stored reply keeps for the mail (lib/tickets/placeholders.ts).
import "server-only";
import { listCannedReplies } from "@/lib/data/canned-replies";
import { renderPlaceholders } from "@/lib/tickets/placeholders";
import type { CannedOption } from "./_components/composer";

export async function cannedOptionsFor(ticket: { locale: string; name: string; reference: string }): Promise<CannedOption[]> {
  const locale = ticket.locale === "en" ? "en" : "ja";
  return (await listCannedReplies()).map((c) => ({
    id: c.id,
    title: c.title,
    body: renderPlaceholders(locale === "en" ? c.bodyEn : c.bodyJa, { locale, name: ticket.name, reference: ticket.reference }),
  }));
}
