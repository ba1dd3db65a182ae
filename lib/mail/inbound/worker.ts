// The inbound side of the mail loop in a running instance (issue 11): the IMAP fetcher when IMAP_URL
// is set, the SMTP listener when INBOUND_SMTP_PORT is set, and the processor, which every instance
// runs (stored mail is leased with SKIP LOCKED, so instances share the work without doubling it).
import "server-only";
import { env } from "@/lib/env";
import { log as rootLog } from "@/lib/log";
import { ImapFetcher, type ImapSettings } from "@/lib/mail/inbound/imap-fetcher";
import { processInboundMail } from "@/lib/mail/inbound/processor";
import { startSmtpListener } from "@/lib/mail/inbound/smtp-listener";
import { addressOf } from "@/lib/mail/threading";

const log = rootLog.child({ component: "inbound" });

/** imap://user:password@host:143/INBOX or imaps://… (port 993): the mailbox the help desk's address delivers to. */
export function imapSettingsFromUrl(url: string): ImapSettings {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 993 : 143),
    secure,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX",
  };
}

type Worker = { timer: NodeJS.Timeout; running: Promise<void> | null; again: boolean; stop: (() => Promise<void>)[] };
const state = globalThis as unknown as { tebikiInbound?: Worker };

function round(worker: Worker) {
  if (worker.running) {
    worker.again = true;
    return;
  }
  worker.running = (async () => {
    try {
      for (let i = 0; i < 20; i++) {
        const r = await processInboundMail();
        if (r.applied + r.held + r.ignored + r.retrying < 50) break;
      }
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "inbound round failed");
    } finally {
      worker.running = null;
      if (worker.again) {
        worker.again = false;
        round(worker);
      }
    }
  })();
}

export async function startInbound(intervalMs = 15_000, hooks: { afterStore?: () => Promise<void> } = {}) {
  if (state.tebikiInbound) return;
  const e = env();
  const worker: Worker = { timer: setInterval(() => round(worker), intervalMs), running: null, again: false, stop: [] };
  worker.timer.unref();
  state.tebikiInbound = worker;
  if (e.IMAP_URL) {
    const fetcher = new ImapFetcher(imapSettingsFromUrl(e.IMAP_URL), {
      onRound: (r) => r.stored && round(worker),
      // Process each stored batch while the next one is fetched, not after the whole inbox is read.
      afterStore: async () => {
        round(worker);
        await hooks.afterStore?.();
      },
    }).start();
    worker.stop.push(() => fetcher.stop());
  }
  if (e.INBOUND_SMTP_PORT) {
    const recipients = (e.INBOUND_SMTP_RECIPIENTS ?? addressOf(e.MAIL_REPLY_TO ?? e.MAIL_FROM)).split(",").map((r) => r.trim().toLowerCase()).filter(Boolean);
    const listener = await startSmtpListener({ port: e.INBOUND_SMTP_PORT, recipients });
    log.info({ port: listener.port, recipients }, "inbound SMTP listener started");
    worker.stop.push(() => listener.close());
  }
  round(worker);
}

/** Graceful shutdown: stop taking mail in, then let the processing round in progress finish. */
export async function stopInbound() {
  const worker = state.tebikiInbound;
  if (!worker) return;
  state.tebikiInbound = undefined;
  clearInterval(worker.timer);
  await Promise.all(worker.stop.map((s) => s().catch(() => {})));
  await worker.running;
}
