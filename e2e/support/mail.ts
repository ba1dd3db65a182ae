// Reads the mail the SMTP sink received (e2e/support/smtp-sink.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

export type ReceivedMail = { to: string[]; from?: string; subject?: string; text: string };

export function mailDir(): string {
  return process.env.E2E_MAIL_DIR ?? path.join(process.cwd(), ".test-runs", "mail");
}

export function receivedMail(): ReceivedMail[] {
  let files: string[] = [];
  try {
    files = readdirSync(mailDir()).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files.sort().map((f) => JSON.parse(readFileSync(path.join(mailDir(), f), "utf8")) as ReceivedMail);
}

/** Waits (polling, up to 30 s) for a mail to `address` whose text matches; returns it. */
export async function waitForMail(address: string, match: (mail: ReceivedMail) => boolean = () => true) {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        found = receivedMail().find((m) => m.to.includes(address) && match(m));
        return Boolean(found);
      },
      { timeout: 30_000, message: `mail to ${address}` },
    )
    .toBe(true);
  return found!;
}
