import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { fetchMailbox, ImapFetcher, imapClient, type ImapSettings } from "@/lib/mail/inbound/imap-fetcher";
import { startDovecot, type Dovecot } from "@/lib/testing/dovecot";

let dovecot: Dovecot;
let settings: ImapSettings;

beforeAll(async () => {
  dovecot = await startDovecot();
  settings = { host: dovecot.host, port: dovecot.imapPort, secure: false, user: dovecot.user, password: dovecot.password, batchSize: 2 };
}, 30_000);
afterAll(() => dovecot?.stop());

const mail = (id: string | null, subject: string, body: string) =>
  [`From: student@example.test`, `To: ${"helpdesk@example.test"}`, `Subject: ${subject}`, ...(id ? [`Message-ID: <${id}>`] : []), "", body, ""].join("\r\n");

// "ログインできません" in ISO-2022-JP, as a Japanese phone sends it: the stored bytes must be these.
const ISO_2022_JP_BODY = Buffer.from("1b2442254d252b2533243724473122244b1b2842", "hex");
function iso2022jpMail(id: string) {
  const head = [`From: student@example.test`, `Subject: =?ISO-2022-JP?B?GyRCJWEhPCVrGyhC?=`, `Message-ID: <${id}>`, "MIME-Version: 1.0", 'Content-Type: text/plain; charset="ISO-2022-JP"', "Content-Transfer-Encoding: 7bit", "", ""].join("\r\n");
  return Buffer.concat([Buffer.from(head), ISO_2022_JP_BODY, Buffer.from("\r\n")]);
}

async function mailboxCounts() {
  const client = imapClient(settings);
  await client.connect();
  try {
    const count = async (path: string) => {
      const status = await client.status(path, { messages: true }).catch(() => false as const);
      return status ? (status.messages ?? 0) : 0;
    };
    return { inbox: await count("INBOX"), handled: await count("Tebiki-handled") };
  } finally {
    await client.logout();
  }
}

async function withClient<T>(fn: (client: ReturnType<typeof imapClient>) => Promise<T>) {
  const client = imapClient(settings);
  await client.connect();
  try {
    const list = await client.list();
    if (!list.some((m) => m.path === "Tebiki-handled")) await client.mailboxCreate("Tebiki-handled");
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

const stored = (tag: string) =>
  db().inboundMail.findMany({ where: { messageKey: { contains: tag } }, select: { messageKey: true, raw: true, source: true } });

describe("the IMAP fetcher, against a real Dovecot", () => {
  it("stores every mail raw once, then moves it out of the inbox", async () => {
    const tag = randomUUID();
    await dovecot.deliver(mail(`a-${tag}@phone.example`, "one", "first"));
    await dovecot.deliver(iso2022jpMail(`b-${tag}@phone.example`));
    await dovecot.deliver(mail(`c-${tag}@phone.example`, "three", "third"));
    const before = await mailboxCounts();

    const round = await withClient((client) => fetchMailbox(client, settings));
    expect(round).toEqual({ fetched: 3, stored: 3, duplicates: 0 });
    expect(await mailboxCounts()).toEqual({ inbox: 0, handled: before.handled + 3 });

    const rows = await stored(tag);
    expect(rows.map((r) => r.messageKey).sort()).toEqual([`mid:a-${tag}@phone.example`, `mid:b-${tag}@phone.example`, `mid:c-${tag}@phone.example`]);
    const japanese = rows.find((r) => r.messageKey.startsWith("mid:b-"))!;
    // The ISO-2022-JP bytes are kept as sent, for the parser to decode later.
    expect(Buffer.from(japanese.raw).includes(ISO_2022_JP_BODY)).toBe(true);
    expect(rows.every((r) => r.source === "imap")).toBe(true);
  });

  it("keeps a mail delivered twice once", async () => {
    const tag = randomUUID();
    await dovecot.deliver(mail(`twice-${tag}@x`, "again", "same mail"));
    await dovecot.deliver(mail(`twice-${tag}@x`, "again", "same mail"));
    const round = await withClient((client) => fetchMailbox(client, settings));
    expect(round).toEqual({ fetched: 2, stored: 1, duplicates: 1 });
    expect(await stored(tag)).toHaveLength(1);
  });

  it("a crash after storing and before moving loses nothing and duplicates nothing on the next round", async () => {
    const tag = randomUUID();
    for (let i = 0; i < 3; i++) await dovecot.deliver(mail(`crash-${i}-${tag}@x`, `crash ${i}`, "body"));
    await expect(
      withClient((client) =>
        fetchMailbox(client, settings, {
          afterStore: async () => {
            throw new Error("the worker dies here");
          },
        }),
      ),
    ).rejects.toThrow("the worker dies here");
    // The first batch (2) is stored but still in the inbox.
    expect(await stored(tag)).toHaveLength(2);
    expect((await mailboxCounts()).inbox).toBe(3);

    const round = await withClient((client) => fetchMailbox(client, settings));
    expect(round).toEqual({ fetched: 3, stored: 1, duplicates: 2 });
    expect(await stored(tag)).toHaveLength(3);
    expect((await mailboxCounts()).inbox).toBe(0);
  });

  it("stores a mail without a Message-ID by the hash of its bytes", async () => {
    const tag = randomUUID();
    await dovecot.deliver(mail(null, `no id ${tag}`, "body"));
    await withClient((client) => fetchMailbox(client, settings));
    const rows = await db().inboundMail.findMany({ where: { messageKey: { startsWith: "sha256:" } }, select: { raw: true } });
    expect(rows.some((r) => Buffer.from(r.raw).toString("latin1").includes(`no id ${tag}`))).toBe(true);
  });

  it("the worker picks up a mail that arrives while it waits, through IDLE, long before its poll", async () => {
    const fetcher = new ImapFetcher(settings, { pollMs: 10 * 60_000 }).start();
    try {
      // Let the first round finish and the worker settle in its wait.
      await expect.poll(() => mailboxCounts().then((c) => c.inbox), { timeout: 15_000 }).toBe(0);
      const tag = randomUUID();
      await dovecot.deliver(mail(`idle-${tag}@x`, "idle", "arrives later"));
      await expect.poll(() => stored(tag).then((r) => r.length), { timeout: 20_000 }).toBe(1);
    } finally {
      await fetcher.stop();
    }
  }, 40_000);
});
