// The JSON API's handler, called directly against the real PostgreSQL: the answers a client gets.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/tickets/route";
import { formatJstDateTime } from "@/lib/jst";

const body = () => ({
  name: "Li Wei",
  username: "s2410001",
  affiliation: "student",
  email: `li.${randomUUID().slice(0, 8)}@example.com`,
  failedAt: formatJstDateTime(new Date()),
  network: "eduroam",
  service: "ssl-vpn",
  messageShown: "auth-failed",
  factor: "otp",
  stopsAt: "after-otp",
  contactFormLogin: "worked",
  description: "My OTP is rejected since I changed phones.",
  guide: "jaist-sso",
  locale: "en",
});

function post(payload: unknown, headers: Record<string, string> = {}, ip = `203.0.113.${randomUUID()}`) {
  return POST(
    new Request("http://localhost/api/v1/tickets", {
      method: "POST",
      // As server.ts leaves it (lib/server/forwarded.ts): the client address in X-Forwarded-For.
      headers: { "content-type": "application/json", "x-forwarded-for": ip, ...headers },
      body: typeof payload === "string" ? payload : JSON.stringify(payload),
    }),
  );
}

describe("POST /api/v1/tickets", () => {
  it("creates a ticket: 201 with the reference and the status link", async () => {
    const response = await post(body());
    expect(response.status).toBe(201);
    const json = await response.json();
    expect(json.reference).toMatch(/^SSO-\d{4}-\d{6}$/);
    expect(json.statusUrl).toMatch(/\/en\/requests\/[A-Za-z0-9_-]{22}$/);
  });

  it("files a generic GEN ticket without a guide: the topic is asked, the SSO keys are ignored", async () => {
    const flat: Record<string, unknown> = body();
    delete flat.guide;
    const missing = await post(flat);
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual({ topic: ["Please choose one."] });
    const created = await post({ ...flat, topic: "other" });
    expect(created.status).toBe(201);
    expect((await created.json()).reference).toMatch(/^GEN-\d{4}-\d{6}$/);
  });

  it("answers a repeated Idempotency-Key with the same ticket", async () => {
    const key = `api-${randomUUID()}`;
    const first = await (await post(body(), { "idempotency-key": key })).json();
    const again = await post(body(), { "idempotency-key": key });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ reference: first.reference, statusUrl: null });
  });

  it("answers 400 with messages per field", async () => {
    const response = await post({ ...body(), username: "li@jaist.ac.jp", email: "nope", description: "" });
    expect(response.status).toBe(400);
    const { errors } = await response.json();
    expect(Object.keys(errors).sort()).toEqual(["description", "email", "username"]);
    expect(errors.username[0]).toContain("@jaist.ac.jp");
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ ...body(), screenshot: "iVBORw0KGgo=" })).status).toBe(400);
  });

  it("answers 415 for anything but JSON and 413 for a body over the limit", async () => {
    const form = await POST(
      new Request("http://localhost/api/v1/tickets", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=a" }),
    );
    expect(form.status).toBe(415);
    const big = await post({ ...body(), description: "あ".repeat(30_000) });
    expect(big.status).toBe(413);
  });

  it("answers 429 with Retry-After once an IP used up its limit, and only for that IP", async () => {
    const ip = `192.0.2.${randomUUID()}`;
    for (let i = 0; i < 5; i++) expect((await post(body(), {}, ip)).status).toBe(201);
    const limited = await post(body(), {}, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(500);
    expect((await limited.json()).error).toMatch(/try again at \d{2}:\d{2}/);
    expect((await post(body())).status).toBe(201);
  });
});

describe("POST /api/v1/tickets with hostile input", () => {
  it("answers a NUL character with a 400 naming the field, not a 500", async () => {
    const response = await post({ ...body(), name: "Li\u0000Wei", description: "ok" });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).errors)).toEqual(["name"]);
  });

  it("answers tried=constructor with a 400 naming tried", async () => {
    const response = await post({ ...body(), tried: ["constructor"] });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).errors)).toEqual(["tried"]);
  });
});
