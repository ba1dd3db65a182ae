// Intake load as real clients make it: each client POSTs /api/v1/tickets with its own Idempotency-Key
// and, on a failure (503, a dropped connection, a timeout), sends the same request again after a short
// pause until it gets its ticket; then it starts the next one. Every answer is recorded.
import { randomUUID } from "node:crypto";
import { outageWindow } from "./wait";

export type Answer = { client: number; key: string; sentAt: number; at: number; status: number; body: unknown; baseUrl: string };
export type Acknowledged = { key: string; email: string; reference: string; status: number };

/** A valid JSON body for the API, unique per ticket (its e-mail address). */
export function intakeBody(email: string) {
  return {
    name: "負荷 テスト",
    username: "s2400001",
    affiliation: "student",
    email,
    failedAt: new Date(Date.now() + 9 * 3_600_000 - 60_000).toISOString().slice(0, 16),
    network: "off-campus",
    service: "webmail",
    messageShown: "auth-failed",
    factor: "otp",
    stopsAt: "after-password",
    contactFormLogin: "failed",
    description: "信頼性テストの負荷として送信しています。",
    guide: "jaist-sso",
    locale: "ja",
  };
}

export async function postTicket(baseUrl: string, key: string, email: string, ip: string): Promise<{ status: number; body: unknown }> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/tickets`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key, "x-forwarded-for": ip },
      body: JSON.stringify(intakeBody(email)),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, body };
  } catch {
    // No answer at all (connection refused or reset, timeout): status 0.
    return { status: 0, body: null };
  }
}

export function startIntakeLoad(baseUrls: string[], clients = 16) {
  const answers: Answer[] = [];
  const acknowledged: Acknowledged[] = [];
  const keys = new Set<string>();
  let stopping = false;

  const client = async (n: number) => {
    const baseUrl = baseUrls[n % baseUrls.length];
    const ip = `10.77.${n}.1`;
    while (!stopping) {
      const key = randomUUID();
      const email = `load-${key.slice(0, 13)}@example.com`;
      keys.add(key);
      // Once started, a ticket is re-sent until it is acknowledged, also after the load is told to stop.
      for (;;) {
        const sentAt = Date.now();
        const { status, body } = await postTicket(baseUrl, key, email, ip);
        answers.push({ client: n, key, sentAt, at: Date.now(), status, body, baseUrl });
        if (status === 200 || status === 201) {
          acknowledged.push({ key, email, reference: (body as { reference: string }).reference, status });
          break;
        }
        await outageWindow(200 + Math.floor(Math.random() * 200));
      }
    }
  };
  const running = Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return {
    answers,
    acknowledged,
    keys,
    /** Stops starting new tickets and resolves when every started one is acknowledged. */
    async stop() {
      stopping = true;
      await running;
    },
  };
}

/** Status → count, for printing and asserting. */
export function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
  return counts;
}
