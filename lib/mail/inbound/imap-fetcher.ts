// Reads the help desk's mailbox over IMAP (issue 11): every mail in the inbox is stored raw in
// PostgreSQL first (lib/data/inbound-mail.ts) and only then moved to the "handled" folder, so a crash
// between the two fetches it again and the store, idempotent by Message-ID, keeps it once. New mail is
// noticed through IDLE where the server has it (imapflow starts IDLE by itself and falls back to
// polling where it does not), and a slow poll catches anything a lost connection missed.
import "server-only";
import { ImapFlow } from "imapflow";
import { storeInboundMail } from "@/lib/data/inbound-mail";
import { log as rootLog } from "@/lib/log";

export type ImapSettings = {
  host: string;
  port: number;
  /** TLS from the start (port 993); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  mailbox?: string;
  /** Where handled mail goes; created when missing. */
  handledMailbox?: string;
  /** At most this many mails are held in memory at once. */
  batchSize?: number;
};

const log = rootLog.child({ component: "imap" });

export type FetchRound = { fetched: number; stored: number; duplicates: number };

/** One pass over the mailbox with a connected client: store, then move, batch by batch. */
export async function fetchMailbox(client: ImapFlow, settings: ImapSettings, hooks: { afterStore?: () => Promise<void> } = {}): Promise<FetchRound> {
  const mailbox = settings.mailbox ?? "INBOX";
  const handled = settings.handledMailbox ?? "Tebiki-handled";
  const batchSize = settings.batchSize ?? 50;
  const round: FetchRound = { fetched: 0, stored: 0, duplicates: 0 };
  const lock = await client.getMailboxLock(mailbox);
  try {
    for (;;) {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      if (!uids.length) return round;
      const batch = uids.slice(0, batchSize);
      // imapflow forbids other commands while a fetch is iterated: collect the batch, then store.
      const messages = await client.fetchAll(batch.join(","), { uid: true, source: true, envelope: true }, { uid: true });
      for (const message of messages) {
        if (!message.source) continue;
        round.fetched++;
        const result = await storeInboundMail({ raw: message.source, source: "imap", envelopeFrom: message.envelope?.sender?.[0]?.address ?? null });
        if (result.duplicate) round.duplicates++;
        else round.stored++;
      }
      await hooks.afterStore?.();
      await client.messageMove(batch.join(","), handled, { uid: true });
    }
  } finally {
    lock.release();
  }
}

export function imapClient(settings: ImapSettings) {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    // The worker has nothing else to say between rounds: IDLE at once rather than after 15 s.
    autoIdleDelay: 1_000,
  });
}

async function ensureMailbox(client: ImapFlow, path: string) {
  const list = await client.list();
  if (!list.some((m) => m.path === path)) await client.mailboxCreate(path);
}

/**
 * The worker: connects, fetches what is there, then fetches again whenever the server says the
 * mailbox grew (IDLE) or `pollMs` passed; reconnects with a growing pause after a failure.
 */
export class ImapFetcher {
  private stopped = false;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  // New mail announced while a round was running (between its last search and the sleep): without
  // this the announcement was lost and the mail waited for the slow poll (seen under load in worker.test.ts).
  private announced = false;
  private running: Promise<void> | null = null;

  constructor(
    private settings: ImapSettings,
    private options: {
      pollMs?: number;
      onRound?: (round: FetchRound) => void;
      /** After each batch is stored and before it is moved (the crash window the reliability suite kills in). */
      afterStore?: () => Promise<void>;
    } = {},
  ) {}

  start() {
    this.running ??= this.loop();
    return this;
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      if (this.announced && !this.stopped) {
        this.announced = false;
        return resolve();
      }
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        this.announced = false;
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private async loop() {
    let pause = 1_000;
    while (!this.stopped) {
      const client = imapClient(this.settings);
      this.client = client;
      client.on("error", (error: Error) => log.warn({ err: error.message }, "imap connection error"));
      client.on("exists", () => {
        this.announced = true;
        this.wake?.();
      });
      client.on("close", () => this.wake?.());
      try {
        await client.connect();
        await ensureMailbox(client, this.settings.handledMailbox ?? "Tebiki-handled");
        pause = 1_000;
        while (!this.stopped && client.usable) {
          const round = await fetchMailbox(client, this.settings, { afterStore: this.options.afterStore });
          if (round.fetched) log.info(round, "imap round");
          this.options.onRound?.(round);
          // Keep the inbox selected so that the server's IDLE reports new mail into it.
          await client.mailboxOpen(this.settings.mailbox ?? "INBOX");
          if (!this.stopped) await this.sleep(this.options.pollMs ?? 60_000);
        }
      } catch (error) {
        if (!this.stopped) log.warn({ err: error instanceof Error ? error.message : String(error) }, "imap round failed");
      } finally {
        this.client = null;
        await client.logout().catch(() => client.close());
      }
      if (!this.stopped) {
        await this.sleep(pause);
        pause = Math.min(pause * 2, 60_000);
      }
    }
  }

  async stop() {
    this.stopped = true;
    this.wake?.();
    this.client?.close();
    await this.running;
  }
}
