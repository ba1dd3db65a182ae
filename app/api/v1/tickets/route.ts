// Public and unauthenticated by design: the requester cannot log in (issue 4). It is hardened like the form instead: same schema, same per-IP limits, idempotency, size limit.
//
// POST /api/v1/tickets, Content-Type: application/json, optional Idempotency-Key header.
// Body: one flat JSON object, as the form posts it: the common fields (name, username, affiliation,
// email, failedAt as "YYYY-MM-DDTHH:MM" Japan time, device, description), the named guide's own fields
// by their keys in content/guides/<guide>/guide.json (multi choices as arrays), and optional guide,
// walk, locale. For the SSO guide that is today's body with "guide": "jaist-sso" (network, service,
// messageShown, factor, stopsAt, contactFormLogin, tried, ...). Without a guide (absent, "none",
// unknown) it is the generic form: the common fields plus "topic" (a catalog topic or "other"), filed
// with the prefix GEN; other keys are ignored. With a walk, fields the walk answered may be left out.
// Screenshots are not accepted here (no base64 in JSON): send them from the status page.
// 201 {reference, statusUrl} · 200 the same ticket again for a repeated Idempotency-Key (statusUrl null:
// the link is shown once) · 400 {errors: {field: [messages]}} · 413 · 415 · 429 with Retry-After ·
// 503 {error: "database_unavailable"} with Retry-After while the database is down (safe to re-send with
// the same Idempotency-Key).
import { NextResponse } from "next/server";
import { clientIpFrom } from "@/lib/client-ip";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { isLocale, localeFromAcceptLanguage } from "@/lib/i18n";
import { HONEYPOT_FIELD, submitIntake } from "@/lib/intake/submit";
import { requestLog } from "@/lib/log";

/** Generous for 5,000 characters of Japanese text (3 bytes each) and every other field. */
export const MAX_BODY_BYTES = 64 * 1024;

const problem = (status: number, error: string, extra: Record<string, unknown> = {}, headers?: HeadersInit) =>
  NextResponse.json({ error, ...extra }, { status, headers });

export const POST = withDatabaseOutage(async function POST(request: Request) {
  // Public and unauthenticated by design (no guard): see the first line of this file.
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") return problem(415, "Content-Type must be application/json");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return problem(413, `The body must be at most ${MAX_BODY_BYTES} bytes`);

  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return problem(413, `The body must be at most ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return NextResponse.json({ errors: { body: ["The body is not valid JSON"] } }, { status: 400 });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return NextResponse.json({ errors: { body: ["The body must be a JSON object"] } }, { status: 400 });
  }
  const raw = { ...(body as Record<string, unknown>) };
  // The honeypot belongs to the HTML form; API clients are not bots by that test.
  delete raw[HONEYPOT_FIELD];
  if (Object.hasOwn(raw, "screenshot")) {
    return NextResponse.json({ errors: { screenshot: ["Screenshots are not accepted by the API; add one from the status page"] } }, { status: 400 });
  }
  const key = request.headers.get("idempotency-key");
  if (key) raw.idempotencyKey = key;
  const locale = isLocale(raw.locale) ? raw.locale : localeFromAcceptLanguage(request.headers.get("accept-language"));

  const out = await submitIntake({ raw, ip: clientIpFrom(request.headers), locale });
  switch (out.kind) {
    case "invalid":
      return NextResponse.json({ errors: out.errors }, { status: 400 });
    case "limited":
      return problem(429, out.message, { retryAt: out.retryAt.toISOString() }, { "Retry-After": String(out.retryAfterSeconds) });
    case "honeypot":
      return problem(400, "Unexpected field");
    case "created":
      (await requestLog()).info({ reference: out.reference, duplicate: out.duplicate }, "ticket created via API");
      return NextResponse.json({ reference: out.reference, statusUrl: out.statusUrl }, { status: out.duplicate ? 200 : 201 });
  }
});
