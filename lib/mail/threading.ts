// Mail that threads (issue 11): every mail to a ticket's requester carries a Message-ID of ours,
// References that start at the ticket's root id (so every client files the mails of one ticket
// together), In-Reply-To the requester's latest mail, and a Reply-To whose plus-part is the ticket's
// unguessable mail token. The inbound pipeline finds the ticket from any of these.
import { randomUUID } from "node:crypto";

/** The address part of a "Name <address>" value. */
export function addressOf(value: string): string {
  return (value.match(/<([^<>]+)>/)?.[1] ?? value).trim();
}

export function mailDomain(from: string): string {
  return addressOf(from).split("@")[1]?.toLowerCase() || "localhost";
}

/** The id every mail of a ticket refers to first; no mail is ever sent with it. */
export const rootMessageId = (ticketId: string, domain: string) => `ticket-${ticketId}@${domain}`;

const ROOT = /^ticket-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@/i;
export function ticketIdFromRootMessageId(id: string): string | null {
  return id.match(ROOT)?.[1]?.toLowerCase() ?? null;
}

/** helpdesk@example.ac.jp + token → helpdesk+token@example.ac.jp */
export function replyAddress(base: string, mailToken: string): string {
  const [local, domain] = addressOf(base).split("@");
  return `${local}+${mailToken}@${domain}`;
}

const TOKEN = /^[0-9a-f]{32}$/;
/** The mail token in a plus-address of ours, or null. */
export function mailTokenOf(address: string, base: string): string | null {
  const [local, domain] = addressOf(base).toLowerCase().split("@");
  const [aLocal, aDomain] = address.toLowerCase().split("@");
  if (aDomain !== domain || !aLocal.startsWith(`${local}+`)) return null;
  const token = aLocal.slice(local.length + 1);
  return TOKEN.test(token) ? token : null;
}

export type ThreadHeaders = { messageId: string; inReplyTo: string; references: string; replyTo: string };

/**
 * Headers of the next mail of a ticket's thread. `previous` is the Message-ID of our last mail of the
 * ticket, `lastInbound` the requester's latest mail; both join the References after the root.
 */
export function threadHeaders(input: { ticketId: string; mailToken: string; from: string; replyBase: string; previous: string | null; lastInbound: string | null }): ThreadHeaders {
  const domain = mailDomain(input.from);
  const root = rootMessageId(input.ticketId, domain);
  const chain = [root, input.previous, input.lastInbound].filter((v): v is string => Boolean(v));
  return {
    messageId: `${randomUUID()}@${domain}`,
    inReplyTo: `<${input.lastInbound ?? input.previous ?? root}>`,
    references: [...new Set(chain)].map((id) => `<${id}>`).join(" "),
    replyTo: replyAddress(input.replyBase, input.mailToken),
  };
}
