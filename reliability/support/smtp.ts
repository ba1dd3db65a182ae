// A real SMTP server in the test process (the `smtp-server` package, as e2e/support/smtp-sink.ts)
// that can be told to refuse: while refusing it answers every connection with 421, as a mail server
// that is down for maintenance does.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; subject: string; text: string };

export type TestSmtp = {
  port: number;
  url: string;
  received: ReceivedMail[];
  refused: number;
  setRefusing(refusing: boolean): void;
  /** How many received mails went to each address. */
  countsByRecipient(): Map<string, number>;
  close(): Promise<void>;
};

export async function startTestSmtp(): Promise<TestSmtp> {
  let refusing = false;
  const state = { received: [] as ReceivedMail[], refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      if (!refusing) return callback();
      state.refused++;
      callback(Object.assign(new Error("Service not available, try again later"), { responseCode: 421 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          state.received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? "", text: mail.text ?? "" });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    get refused() {
      return state.refused;
    },
    setRefusing(value: boolean) {
      refusing = value;
    },
    countsByRecipient() {
      const counts = new Map<string, number>();
      for (const mail of state.received) for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
