// The staff list's search (decision 0023): ticket fields, messages and internal notes, Japanese
// substrings, literal wildcards, and the word-start rule for one and two characters. Each test
// assigns its tickets to a fresh staff member and filters on that, so other tests' rows never match.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listTickets } from "@/lib/data/ticket-list";
import { describeSearchMatches, snippetAround } from "@/lib/data/ticket-search";
import { mergeTicket } from "@/lib/tickets/merge";
import { addNote } from "@/lib/tickets/note";
import { addReply } from "@/lib/tickets/reply";
import { addRequesterMessage } from "@/lib/tickets/requester-message";
import { createStaff, createTicket } from "@/lib/testing/factories";
import { TicketFilterSchema } from "@/lib/validation/triage";
import { db } from "@/lib/db";

async function scope() {
  const { user } = await createStaff();
  const make = (over: Parameters<typeof createTicket>[0] = {}) => createTicket({ assigneeId: user.id, description: "ログインできません", ...over });
  const ids = async (q: string) =>
    (await listTickets(user, TicketFilterSchema.parse({ status: "all", assignee: "me", q }))).rows.map((r) => r.id).sort();
  return { user, make, ids };
}

describe("ticket search", () => {
  it("finds a word that is only in a public reply, and says so with a snippet", async () => {
    const { user, make, ids } = await scope();
    const { ticket } = await make();
    const { ticket: other } = await make();
    const word = `zebra${randomUUID().slice(0, 6)}`;
    expect(await ids(word)).toEqual([]);
    await addReply(user, ticket.id, `Restart the VPN client (${word}) and sign in again.`, "keep");
    expect(await ids(word)).toEqual([ticket.id]);

    const matches = await describeSearchMatches([ticket.id, other.id], word);
    expect(matches.get(ticket.id)).toEqual({
      field: "message",
      snippet: [
        { text: "Restart the VPN client (", mark: false },
        { text: word, mark: true },
        { text: ") and sign in again.", mark: false },
      ],
    });
    expect(matches.has(other.id)).toBe(false);
  });

  it("finds a word that is only in an internal note, and labels it as a note", async () => {
    const { user, make, ids } = await scope();
    const { ticket } = await make();
    const word = `ocelot${randomUUID().slice(0, 6)}`;
    await addNote(user, ticket.id, `情報基盤センターに確認中 ${word}`);
    expect(await ids(word)).toEqual([ticket.id]);
    expect((await describeSearchMatches([ticket.id], word)).get(ticket.id)?.field).toBe("note");
  });

  it("finds a requester's follow-up message", async () => {
    const { make, ids } = await scope();
    const { ticket, token } = await make();
    const word = `heron${randomUUID().slice(0, 6)}`;
    const written = await addRequesterMessage(token, `Still failing: ${word}`, null);
    if (!written) return expect.fail("the factory's status token was not accepted");
    expect(await ids(word)).toEqual([ticket.id]);
  });

  it("finds a Japanese substring in the middle of a message, and Latin letters in any case", async () => {
    const { user, make, ids } = await scope();
    const { ticket } = await make();
    const tag = randomUUID().slice(0, 6);
    await addReply(user, ticket.id, `端末を再起動した後にもう一度ワンタイムパスワードを入力してください ${tag}`, "keep");
    expect(await ids(`もう一度ワンタイム`)).toEqual([ticket.id]);
    expect(await ids(`再起動した後に`)).toEqual([ticket.id]);
    expect(await ids(`再起動しない`)).toEqual([]);
    expect(await ids(tag.toUpperCase())).toEqual([ticket.id]);
  });

  it("finds the reference, the e-mail in any case, the affiliation and the description", async () => {
    const { make, ids } = await scope();
    const tag = randomUUID().slice(0, 8);
    const { ticket: a } = await make({ description: `証明書の選択画面が出ません ${tag}` });
    const { ticket: b } = await make({ email: `Kenta.${tag}@Example.com`, affiliation: `研究科-${tag}` });
    expect(await ids(a.reference)).toEqual([a.id]);
    expect(await ids(a.reference.toLowerCase())).toEqual([a.id]);
    expect(await ids(`kenta.${tag}@EXAMPLE.COM`)).toEqual([b.id]);
    expect(await ids(`研究科-${tag}`)).toEqual([b.id]);
    expect(await ids(`選択画面が出ません ${tag}`)).toEqual([a.id]);
    const matches = await describeSearchMatches([a.id, b.id], tag);
    expect(matches.get(a.id)?.field).toBe("description");
    expect(matches.get(b.id)).toEqual({ field: "requester", snippet: null });
    expect((await describeSearchMatches([a.id], a.reference)).get(a.id)?.field).toBe("reference");
  });

  it("takes % and _ literally", async () => {
    const { user, make, ids } = await scope();
    const tag = randomUUID().slice(0, 6);
    const { ticket: percent } = await make();
    const { ticket: plain } = await make();
    await addNote(user, percent.id, `容量 100% 使用 file_${tag}`);
    await addNote(user, plain.id, `容量 1000 使用 fileX${tag}`);
    expect(await ids("100% 使用")).toEqual([percent.id]);
    expect(await ids(`file_${tag}`)).toEqual([percent.id]);
    expect(await ids(`%${tag}`)).toEqual([]);
  });

  it("matches one or two characters at the start of a word of the requester's name or username only", async () => {
    const { user, make, ids } = await scope();
    const tag = randomUUID().slice(0, 6);
    const { ticket: tanaka } = await make({ name: "田中 翔太", description: "パスワードを忘れました" });
    const { ticket: nakata } = await make({ name: "中田 美咲", description: "パスワードを忘れました" });
    const { ticket: li } = await make({ name: "李 明", username: `zq${tag}`, description: "VPN に接続できません" });
    await addNote(user, li.id, "OK 連絡済み");
    expect(await ids("田中")).toEqual([tanaka.id]);
    expect(await ids("中田")).toEqual([nakata.id]);
    expect(await ids("zq")).toEqual([li.id]);
    // One character: a word of its own (its padded trigrams need the word to end there).
    expect(await ids("李")).toEqual([li.id]);
    expect(await ids("中")).toEqual([]);
    // Not in messages or descriptions, and not inside a word: three characters find those.
    expect(await ids("ok")).toEqual([]);
    expect(await ids("ワー")).toEqual([]);
    expect((await ids("ワード")).length).toBe(2);
  });

  it("finds a merged conversation on the survivor, not on the merged ticket", async () => {
    const { user, make, ids } = await scope();
    const { ticket: source } = await make();
    const { ticket: target } = await make();
    const word = `narwhal${randomUUID().slice(0, 6)}`;
    await addNote(user, source.id, `duplicate? ${word}`);
    expect(await ids(word)).toEqual([source.id]);
    await mergeTicket(user, source.id, target.reference);
    expect(await ids(word)).toEqual([target.id]);
  });

  it("keeps the messages' text in step with the messages", async () => {
    const { user, make } = await scope();
    const { ticket } = await make();
    await addReply(user, ticket.id, "first", "keep");
    await addNote(user, ticket.id, "second");
    const row = await db().ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { searchText: true } });
    expect(row.searchText).toBe("first\nsecond");
  });
});

describe("snippetAround", () => {
  it("cuts long text around the first match and marks it", () => {
    const text = `${"あ".repeat(50)}一致する語${"い".repeat(100)}`;
    const parts = snippetAround(text, "一致する語")!;
    expect(parts[0]).toEqual({ text: `…${"あ".repeat(30)}`, mark: false });
    expect(parts[1]).toEqual({ text: "一致する語", mark: true });
    expect(parts[2]).toEqual({ text: `${"い".repeat(80)}…`, mark: false });
    expect(snippetAround(text, "ない")).toBeNull();
  });
});
