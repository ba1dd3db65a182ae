// Staff files on replies and notes (issue 10 part D): stored with their message, named in the reply
// mail, downloadable by the requester only when the message is public.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getAttachmentForToken } from "@/lib/data/attachments";
import { getTicketByToken } from "@/lib/data/tickets";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { addNote } from "@/lib/tickets/note";
import { addReply } from "@/lib/tickets/reply";
import { readStaffFiles } from "@/lib/staff-attachments";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

async function files() {
  const result = await readStaffFiles([new File([PNG], "画面.png"), new File([PDF], "manual.pdf")]);
  if (!result.ok) throw new Error(result.reason);
  return result.files;
}

describe("staff files", () => {
  it("a reply's files reach the requester's page and route; the mail names them and fills placeholders", async () => {
    const { user } = await createStaff();
    const { ticket, token } = await createTicket({ locale: "en", name: "Jane Doe" });
    const message = await addReply(user, ticket.id, "Dear {{name}}, see {{status_link}} about {{reference}}.", "keep", { files: await files() });

    const mine = await getTicketByToken(token);
    const shown = mine!.messages.find((m) => m.id === message.id)!;
    expect(shown.attachments.map((a) => a.filename).sort()).toEqual(["manual.pdf", "画面.png"]);
    const pdf = await getAttachmentForToken(token, shown.attachments.find((a) => a.filename === "manual.pdf")!.id);
    expect(Buffer.from(pdf!.data).equals(Buffer.from(PDF))).toBe(true);
    expect(pdf!.contentType).toBe("application/pdf");

    const stored = await db().ticketMessage.findUniqueOrThrow({ where: { id: message.id }, select: { body: true } });
    expect(stored.body).toContain("{{status_link}}");
    const mail = await db().outboxMail.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "staff-reply" }, select: { text: true } });
    // The placeholder is filled with the link this reply mail minted (decision 0022), and that link
    // opens the same files as the confirmation mail's.
    const minted = mail.text.match(/see (\S+)\/en\/requests\/([A-Za-z0-9_-]+) about/);
    expect(minted, mail.text).not.toBeNull();
    expect(minted![2]).not.toBe(token);
    expect(mail.text).toContain(`/en/requests/${minted![2]} about ${ticket.reference}.`);
    expect(mail.text).toContain("- 画面.png\n- manual.pdf");
    const viaMinted = await getAttachmentForToken(minted![2], shown.attachments.find((a) => a.filename === "画面.png")!.id);
    expect(viaMinted?.contentType).toBe("image/png");
  });

  it("a note's files stay with staff: not on the requester's page, not through the requester's route, no mail", async () => {
    const { user } = await createStaff();
    const { ticket, token } = await createTicket();
    await addNote(user, ticket.id, "internal", { files: await files() });
    const stored = await db().attachment.findMany({ where: { ticketId: ticket.id }, select: { id: true, messageId: true } });
    expect(stored).toHaveLength(2);
    expect(stored.every((a) => a.messageId)).toBe(true);
    for (const a of stored) expect(await getAttachmentForToken(token, a.id)).toBeNull();
    expect((await getTicketByToken(token))!.messages).toHaveLength(0);
    expect(await db().outboxMail.count({ where: { ticketId: ticket.id, kind: "staff-reply" } })).toBe(0);
  });
});
