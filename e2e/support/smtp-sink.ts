// A real SMTP server for e2e runs (the `smtp-server` package): every message the app delivers is
// parsed and written as JSON to E2E_MAIL_DIR, where e2e/support/mail.ts reads it.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const port = Number(process.env.E2E_SMTP_PORT ?? 2525);
const dir = process.env.E2E_MAIL_DIR ?? path.join(process.cwd(), ".test-runs", "mail");
mkdirSync(dir, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const file = path.join(dir, `${Date.now()}-${++count}.json`);
        // The threading headers too, for the mail-loop spec (issue 11): what a mail client files by.
        const references = typeof mail.references === "string" ? [mail.references] : (mail.references ?? []);
        // Written aside and renamed into place: a spec reading the directory meanwhile must never see a
        // half-written file (one did, as "Unexpected end of JSON input").
        writeFileSync(
          `${file}.part`,
          JSON.stringify({
            to,
            from: mail.from?.text,
            subject: mail.subject,
            text: mail.text ?? "",
            messageId: mail.messageId,
            inReplyTo: mail.inReplyTo,
            references,
            replyTo: mail.replyTo?.value.map((a) => a.address),
          }),
        );
        renameSync(`${file}.part`, file);
        callback();
      })
      .catch((error: Error) => callback(error));
  },
});
server.listen(port, "127.0.0.1", () => console.log(`smtp sink on 127.0.0.1:${port}, mail in ${dir}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
