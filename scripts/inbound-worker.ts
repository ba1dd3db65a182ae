// `node --conditions=react-server --import tsx scripts/inbound-worker.ts`
//
// The inbound side of an instance alone (issue 11): the IMAP fetcher and the processor of
// lib/mail/inbound/worker.ts against DATABASE_URL and IMAP_URL, without the web server, in a process
// of its own so that the reliability suite can SIGKILL it mid-batch and the benchmark can time it.
//
// TEBIKI_TEST_KILL_AFTER_BATCH=N (test-only, read only by this script): the process SIGKILLs itself
// after its Nth stored batch, before the batch is moved to Tebiki-handled, the one window where a crash
// leaves mail both stored and still in the inbox. A kill there cannot be timed from outside.
// INBOUND_PROCESS_INTERVAL_MS: how often the processor looks for due mail besides being kicked (15 s).
import { startInbound, stopInbound } from "@/lib/mail/inbound/worker";
import { runWorkerProcess } from "./run-process";

const killAfter = Number(process.env.TEBIKI_TEST_KILL_AFTER_BATCH ?? 0);
let batches = 0;

runWorkerProcess(
  "inbound worker",
  async () => {
    if (!process.env.IMAP_URL) throw new Error("IMAP_URL is required: the mailbox to read");
    await startInbound(Number(process.env.INBOUND_PROCESS_INTERVAL_MS ?? 15_000), {
      afterStore: async () => {
        batches++;
        if (killAfter && batches >= killAfter) process.kill(process.pid, "SIGKILL");
      },
    });
  },
  stopInbound,
);
