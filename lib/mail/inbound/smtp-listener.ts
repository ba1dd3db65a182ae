// An optional SMTP listener (issue 11) for sites that route the help desk's address to Tebiki instead
// of a mailbox. A mail is answered 250 only once it is stored raw (lib/data/inbound-mail.ts), so the
// sending server keeps it and retries when the database cannot take it (451): nothing acknowledged is
// lost. It accepts mail for the configured addresses only, so it is never an open relay.
import "server-only";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { storeInboundMail } from "@/lib/data/inbound-mail";
import { log as rootLog } from "@/lib/log";

export type SmtpListenerSettings = {
  port: number;
  host?: string;
  /** The addresses (or "@domain" for a whole domain) mail is accepted for, lower case. */
  recipients: string[];
  maxBytes?: number;
  /** The name in the greeting. */
  name?: string;
  tls?: Pick<SMTPServerOptions, "key" | "cert">;
};

const log = rootLog.child({ component: "smtp-listener" });

function smtpError(message: string, responseCode: number) {
  return Object.assign(new Error(message), { responseCode });
}

export function accepts(recipients: string[], address: string): boolean {
  const a = address.toLowerCase();
  return recipients.some((r) => (r.startsWith("@") ? a.endsWith(r) : a === r || a.replace(/\+[^@]*@/, "@") === r));
}

export async function startSmtpListener(settings: SmtpListenerSettings): Promise<{ port: number; close: () => Promise<void> }> {
  const maxBytes = settings.maxBytes ?? 25 * 1024 * 1024;
  const server = new SMTPServer({
    name: settings.name,
    size: maxBytes,
    authOptional: true,
    disabledCommands: settings.tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(settings.tls ?? {}),
    logger: false,
    onRcptTo(address, _session, callback) {
      if (accepts(settings.recipients, address.address)) callback();
      else callback(smtpError("5.1.1 No such mailbox here", 550));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(smtpError(`5.3.4 Message larger than ${maxBytes} bytes`, 552));
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        storeInboundMail({ raw, source: "smtp", envelopeFrom: from || null }).then(
          () => callback(),
          (error: unknown) => {
            log.warn({ err: error instanceof Error ? error.message : String(error) }, "inbound mail not stored");
            callback(smtpError("4.3.0 Temporarily unable to accept the message, try again later", 451));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host ?? "0.0.0.0", () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : settings.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
