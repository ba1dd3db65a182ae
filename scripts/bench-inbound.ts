// `npm run bench:inbound [-- --mails 1000 --tickets 300]`
//
// 1,000 inbound mails (issue 11): starts its own embedded PostgreSQL (.data/bench-inbound-pg, fresh
// each run) and a private Dovecot, makes tickets with a staff reply each, then
//  1. starts the inbound worker (scripts/inbound-worker.ts: the real IMAP fetcher and processor) in a
//     process of its own, delivers the mails over LMTP and times the first delivery to the last mail
//     settled;
//  2. stores as many other mails straight into InboundMail and times the processor alone on them.
// The mix: replies to tickets (some with quoted history and a signature), new requests, auto-replies,
// and ISO-2022-JP phone replies with a photo. Prints the figures and the load average. Not part of
// `npm test`. Needs Dovecot (TEBIKI_DOVECOT or /usr/sbin/dovecot, as the mail tests).
import { randomBytes } from "node:crypto";
import { rmSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { freePort, startEmbeddedPostgres } from "@/lib/embedded-pg";
import { migrate } from "@/lib/migrate";
import { startDovecot } from "@/lib/testing/dovecot";
import { encodedJis, phoneReply as phoneMail } from "@/lib/testing/mail-fixtures";
import { imapUrl, startInboundWorker } from "@/lib/testing/inbound-worker-process";

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(argv[i + 1]);
};
const MAILS = option("mails", 1000);
const TICKETS = option("tickets", 300);
const dataDir = path.join(process.cwd(), ".data", "bench-inbound-pg");
const say = (line: string) => console.log(`[bench] ${line}`);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.LOG_LEVEL ??= "warn";

type Thread = { email: string; name: string; reference: string; replyTo: string; messageId: string };

// A photo-sized attachment: a PNG signature then noise (the parser types files by their first bytes).
const PHOTO = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), randomBytes(60_000)]);

const REPLIES = [
  "試しましたが、まだログインできません。エラーコードは AUTH-401 です。",
  "キャッシュを削除したら入れました。ありがとうございました。",
  "I still get the certificate warning on the VPN page, on Windows 11 with Edge.",
  "新しいスマートフォンにワンタイムパスワードを登録しようとすると、QRコードが読み取れません。",
  "Thanks, that worked. You can close this request.",
];

function reply(t: Thread, n: number, tag: string): Promise<Buffer> {
  const text = [
    `${REPLIES[n % REPLIES.length]} (${tag})`,
    "",
    "--",
    `${t.name}`,
    "情報科学系 博士前期課程",
    "",
    `On Thu, 26 Nov 2026 at 10:02, Help Desk <${t.replyTo}> wrote:`,
    "> お問い合わせありがとうございます。",
    "> ブラウザのキャッシュを削除して、もう一度お試しください。",
    ">",
    "> Tebiki ヘルプデスク",
  ].join("\n");
  return new MailComposer({
    from: `${t.name} <${t.email}>`,
    to: t.replyTo,
    subject: `Re: [${t.reference}] お問い合わせを受け付けました`,
    messageId: `<${tag}@mail.example>`,
    inReplyTo: `<${t.messageId}>`,
    references: [`<${t.messageId}>`],
    text,
  })
    .compile()
    .build();
}

function newRequest(n: number, tag: string): Promise<Buffer> {
  return new MailComposer({
    from: `新規 ${n} <new-${tag}@example.ac.jp>`,
    to: "helpdesk@example.test",
    subject: n % 2 ? "VPN に接続できません" : "Cannot print from the lab PC",
    messageId: `<${tag}@mail.example>`,
    text: `${n % 2 ? "学外から SSL-VPN に接続しようとするとタイムアウトになります。" : "The printer in room 3F says the job was sent but nothing comes out."} (${tag})`,
  })
    .compile()
    .build();
}

function autoReply(t: Thread, tag: string): Promise<Buffer> {
  return new MailComposer({
    from: t.email,
    to: t.replyTo,
    subject: `自動応答: [${t.reference}] お問い合わせを受け付けました`,
    messageId: `<${tag}@mail.example>`,
    inReplyTo: `<${t.messageId}>`,
    headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" },
    text: `不在のため、12月1日まで返信できません。(${tag})`,
  })
    .compile()
    .build();
}

function phoneReply(t: Thread, tag: string): Buffer {
  return phoneMail({
    headers: [
      `From: ${encodedJis("山田")} <${t.email}>`,
      `To: ${t.replyTo}`,
      `Subject: ${encodedJis(`Re: [${t.reference}] ヘルプデスク`)}`,
      `Message-ID: <${tag}@phone.example>`,
      `In-Reply-To: <${t.messageId}>`,
    ],
    lines: ["画面のスクリーンショットを付けます。", `(${tag})`, "", "iPhoneから送信", "", `> ${t.reference} について`],
    photoName: "IMG_0001.PNG",
    photoType: "image/png",
    photo: PHOTO,
    boundary: `----=_phone_${tag}`,
  });
}

/** The mix, in delivery order: 70 % replies, 15 % new requests, 10 % auto-replies, 5 % phone replies with a photo. */
async function mails(threads: Thread[], count: number, prefix: string): Promise<{ raw: Buffer; from: string }[]> {
  const out: { raw: Buffer; from: string }[] = [];
  for (let i = 0; i < count; i++) {
    const t = threads[(i * 7) % threads.length];
    const tag = `${prefix}-${i}`;
    const kind = i % 20;
    if (kind < 14) out.push({ raw: await reply(t, i, tag), from: t.email });
    else if (kind < 17) out.push({ raw: await newRequest(i, tag), from: `new-${tag}@example.ac.jp` });
    else if (kind < 19) out.push({ raw: await autoReply(t, tag), from: t.email });
    else out.push({ raw: phoneReply(t, tag), from: t.email });
  }
  return out;
}

async function main() {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "tebiki_bench_inbound", log: say });
  const dovecot = await startDovecot();
  // Before anything reads the environment (env() reads it once).
  process.env.DATABASE_URL = server.url;
  const { closeDb, db } = await import("@/lib/db");
  const { enqueueMail } = await import("@/lib/data/outbox");
  const { storeInboundMail } = await import("@/lib/data/inbound-mail");
  const { processInboundMail } = await import("@/lib/mail/inbound/processor");
  const { createTicket } = await import("@/lib/testing/factories");
  let worker: ReturnType<typeof startInboundWorker> | undefined;
  try {
    await migrate(server.url, { log: () => {} });
    say(`making ${TICKETS} tickets with a staff reply each`);
    const threads: Thread[] = [];
    for (let i = 0; i < TICKETS; i++) {
      const email = `requester-${i}@example.ac.jp`;
      const { ticket } = await createTicket({ email, name: `利用者 ${i}`, status: "waiting" });
      const sent = await db().$transaction((tx) =>
        enqueueMail(tx, { ticketId: ticket.id, kind: "staff-reply", to: email, subject: `[${ticket.reference}] お問い合わせを受け付けました`, text: "x" }),
      );
      threads.push({ email, name: `利用者 ${i}`, reference: ticket.reference, replyTo: sent.replyTo!, messageId: sent.messageId! });
    }
    const settled = async () =>
      Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "InboundMail" WHERE "state" <> 'received'`)[0].n);
    const stored = async () => Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "InboundMail"`)[0].n);

    // 1. Through IMAP: delivery, fetch, store, process, in parallel as in production.
    const batch1 = await mails(threads, MAILS, "imap");
    const bytes = batch1.reduce((sum, m) => sum + m.raw.length, 0);
    worker = startInboundWorker({ DATABASE_URL: server.url, IMAP_URL: imapUrl(dovecot) });
    // The worker is ready once it has made the handled folder and is idling on the inbox.
    await waitUntil(async () => (await dovecotFolders(dovecot)).includes("Tebiki-handled"), 60_000, () => worker!.output());
    say(`load average before: ${load()}`);
    const t0 = performance.now();
    let next = 0;
    // A mail server delivers over a few connections at once.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batch1.length) {
          const m = batch1[next++];
          await dovecot.deliver(m.raw, m.from);
        }
      }),
    );
    const delivered = performance.now() - t0;
    let allStored = 0;
    await waitUntil(async () => {
      if (!allStored && (await stored()) >= MAILS) allStored = performance.now() - t0;
      return (await settled()) >= MAILS;
    }, 600_000, () => worker!.output());
    const imapTotal = performance.now() - t0;
    const imapLoad = load();
    await worker.kill("SIGTERM");
    worker = undefined;
    const states = await db().$queryRaw<{ state: string; reason: string | null; n: bigint }[]>`
      SELECT "state"::text, "reason", count(*) AS n FROM "InboundMail" GROUP BY 1, 2 ORDER BY 1, 2`;

    // 2. The processor alone, on rows already stored.
    const batch2 = await mails(threads, MAILS, "stored");
    const ids: string[] = [];
    for (const m of batch2) ids.push((await storeInboundMail({ raw: m.raw, source: "imap", envelopeFrom: m.from })).id);
    const t1 = performance.now();
    for (;;) {
      const r = await processInboundMail({ ids });
      if (r.applied + r.held + r.ignored + r.retrying === 0) break;
    }
    const processorTotal = performance.now() - t1;
    const left = Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "InboundMail" WHERE "state" = 'received'`)[0].n);

    say(`machine: ${os.cpus().length} cores, load average after: ${load()} (at the end of part 1: ${imapLoad})`);
    say(`part 1, IMAP fetcher + processor, ${MAILS} mails (${(bytes / 1e6).toFixed(1)} MB):`);
    say(`  delivered over LMTP in ${(delivered / 1000).toFixed(1)} s, all stored at ${(allStored / 1000).toFixed(1)} s, all settled at ${(imapTotal / 1000).toFixed(1)} s (${(MAILS / (imapTotal / 1000)).toFixed(0)} mails/s)`);
    for (const s of states) say(`  ${s.state}${s.reason ? ` (${s.reason})` : ""}: ${s.n}`);
    say(`part 2, processor alone on ${MAILS} stored mails: ${(processorTotal / 1000).toFixed(1)} s (${(processorTotal / MAILS).toFixed(1)} ms a mail), ${left} left unprocessed`);
    const per1000 = (imapTotal / MAILS) * 1000;
    say(`bar (1,000 mails in under a minute): ${per1000 < 60_000 ? "met" : "MISSED"} (${(per1000 / 1000).toFixed(1)} s per 1,000 through IMAP)`);
  } finally {
    await worker?.kill("SIGKILL");
    await closeDb();
    await dovecot.stop();
    await server.stop();
  }
}

async function dovecotFolders(box: Awaited<ReturnType<typeof startDovecot>>) {
  const { ImapFlow } = await import("imapflow");
  const client = new ImapFlow({ host: box.host, port: box.imapPort, secure: false, auth: { user: box.user, pass: box.password }, logger: false });
  await client.connect();
  try {
    return (await client.list()).map((m) => m.path);
  } finally {
    await client.logout();
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; worker output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
