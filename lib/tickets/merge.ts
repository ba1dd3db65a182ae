// Merging a duplicate into another ticket (issue 10, decision 0018). The source's conversation and
// files move to the survivor; the source is closed, points to it, keeps its own history, and its
// requester is told by mail. Staff see the source's history on the survivor through mergedFrom.
import "server-only";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/data/outbox";
import { sameRequester } from "@/lib/data/ticket-merge";
import { getSignOff } from "@/lib/data/settings";
import { ticketMergedMail } from "@/lib/mail/templates";
import type { Actor } from "@/lib/tickets/change-properties";
import { TicketError } from "@/lib/tickets/errors";
import { insertMessage, rebuildSearchText } from "@/lib/tickets/add-message";
import { recordEvent, staffActor } from "@/lib/tickets/events";
import { assertNotMerged, lockTicket } from "@/lib/tickets/lock";
import { applySla } from "@/lib/tickets/sla";
import { assertNotMoved } from "@/lib/tickets/version";
import { statusTimestamps } from "@/lib/tickets/workflow";

export async function mergeTicket(actor: Actor, sourceId: string, targetReference: string, baseVersion?: number) {
  return db().$transaction(async (tx) => {
    const found = await tx.ticket.findUnique({ where: { reference: targetReference }, select: { id: true } });
    if (!found) throw new TicketError("merge-target");
    if (found.id === sourceId) throw new TicketError("merge-self");
    // Both rows locked in one order, so two opposite merges at once queue instead of deadlocking.
    const [first, second] = [sourceId, found.id].sort();
    const locked = new Map([[first, await lockTicket(tx, first)]]);
    locked.set(second, await lockTicket(tx, second));
    const source = locked.get(sourceId)!;
    const target = locked.get(found.id)!;
    assertNotMerged(source);
    // With both unmerged before this merge, and tickets merged into the source re-pointed below, no
    // chain can ever come back to where it started.
    if (target.mergedIntoId) throw new TicketError("merge-target-merged");
    await assertNotMoved(tx, source, baseVersion, "message");

    const now = new Date();
    const same = sameRequester(source, target);
    const { description } = await tx.ticket.findUniqueOrThrow({ where: { id: source.id }, select: { description: true } });
    // The source's request itself, and its screenshot, as an internal entry of the survivor's
    // conversation: staff read it there; the survivor's requester never does.
    const intro = await insertMessage(tx, {
      ticketId: target.id,
      authorType: "system",
      visibility: "internal",
      body: `${source.reference} を統合(依頼者: ${source.name} <${source.email}>)\n\n${description}`,
      createdAt: now,
    });
    await tx.attachment.updateMany({ where: { ticketId: source.id, messageId: null }, data: { ticketId: target.id, messageId: intro.id } });
    await tx.attachment.updateMany({ where: { ticketId: source.id }, data: { ticketId: target.id } });
    // Another person's messages never become visible to the survivor's requester.
    const moved = await tx.ticketMessage.updateMany({
      where: { ticketId: source.id },
      data: same ? { ticketId: target.id } : { ticketId: target.id, visibility: "internal" },
    });
    // The moved conversation is searched on the survivor, and no longer on the source.
    await rebuildSearchText(tx, target.id);
    await rebuildSearchText(tx, source.id);
    await tx.ticket.updateMany({ where: { mergedIntoId: source.id }, data: { mergedIntoId: target.id } });
    await tx.ticket.update({
      where: { id: source.id },
      data: { mergedIntoId: target.id, status: "closed", ...(source.status === "closed" ? {} : statusTimestamps(source.status, "closed", now)) },
    });
    await recordEvent(tx, source.id, staffActor(actor), {
      kind: "merged",
      before: { status: source.status },
      after: { status: "closed", targetId: target.id, targetReference: target.reference },
      at: now,
    });
    await applySla(tx, source.id, "status");
    await recordEvent(tx, target.id, staffActor(actor), {
      kind: "merged_from",
      after: { sourceId: source.id, sourceReference: source.reference, messages: moved.count },
      at: now,
    });
    const mail = ticketMergedMail({ locale: source.locale === "en" ? "en" : "ja", name: source.name, reference: source.reference, survivorReference: target.reference, signOff: await getSignOff(tx) });
    await enqueueMail(tx, { ticketId: source.id, kind: "ticket-merged", to: source.email, ...mail });
    return { source: source.reference, target: target.reference };
  });
}
