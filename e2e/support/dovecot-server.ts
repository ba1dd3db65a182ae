// The help desk's mailbox for e2e runs (issue 11, decision 0024): a private Dovecot that the app
// server's inbound worker reads over IMAP (IMAP_URL in playwright.config.ts) and the specs deliver
// into over LMTP (e2e/support/mail.ts deliverToHelpdesk). Started by Playwright before the app server.
import { startDovecot } from "@/lib/testing/dovecot";
import { E2E_IMAP_PASSWORD, E2E_IMAP_USER } from "./server-env";

const imapPort = Number(process.env.E2E_IMAP_PORT);
const lmtpPort = Number(process.env.E2E_LMTP_PORT);

startDovecot({ user: E2E_IMAP_USER, password: E2E_IMAP_PASSWORD, imapPort, lmtpPort })
  .then((dovecot) => {
    console.log(`dovecot: imap on 127.0.0.1:${imapPort}, lmtp on 127.0.0.1:${lmtpPort}`);
    let stopping = false;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => {
        if (stopping) return;
        stopping = true;
        void dovecot.stop().finally(() => process.exit(0));
      });
    }
  })
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
