// Property-based fuzzing of the public intake (issue 8): whatever a client sends, the schema never
// throws and the JSON API never answers 5xx. Inputs start from a valid body and replace fields with
// hostile values (control characters, prototype keys, wrong types, huge or odd strings), so that most
// runs get past the parser and reach validation, storage and mail.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/tickets/route";
import { getGuide } from "@/lib/content";
import { buildIntakeSchema } from "@/lib/guides/intake-schema";
import { apiBody } from "@/e2e/support/intake";

// The SSO form opened without a walk: every question asked, as the hand-written schema did.
const intakeSchema = (locale: "ja" | "en", now?: () => Date) => buildIntakeSchema(getGuide("jaist-sso")!, locale, null, { now });

const valid = () => apiBody();

const FIELDS = [...Object.keys(valid()), "tried", "guide", "walk", "device", "certificateInfo", "serviceOther", "messageOther", "idempotencyKey"];
const PROTO_KEYS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"];

const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const hostileString = fc.oneof(
  // Plausible text with a control character inside: passes every other rule of a free-text field.
  fc.tuple(fc.constantFrom("Fuzz", "s2410001", "証明書が失効しました"), controlChar, fc.constantFrom("", "テスト", " ok")).map((p) => p.join("")),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: controlChar, minLength: 1, maxLength: 5 }),
  fc.constantFrom(...PROTO_KEYS, "\u0000", "a\u0000b", "\uD800", "\uFEFF", "%00", "../../etc/passwd", "<script>alert(1)</script>"),
  fc.string({ maxLength: 3 }).map((s) => s.repeat(2000)),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.array(hostileString, { maxLength: 5 }),
  fc.constantFrom(null, true, 0, -1, 1e308, [], {}),
  fc.dictionary(fc.constantFrom(...PROTO_KEYS, "a"), hostileString, { maxKeys: 2 }),
);
/** A valid body with 1-3 fields (mostly one) replaced (or added, under prototype-ish names). */
const mutatedBody = fc
  .array(fc.tuple(fc.constantFrom(...FIELDS, ...PROTO_KEYS), hostileValue), { minLength: 1, maxLength: 3, size: "xsmall" })
  .map((changes) => {
    const body: Record<string, unknown> = valid();
    for (const [key, value] of changes) Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
    return body;
  });

function post(payload: unknown) {
  return POST(
    new Request("http://localhost/api/v1/tickets", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${randomUUID()}` },
      body: JSON.stringify(payload),
    }),
  );
}

describe("intake fuzzing", () => {
  it("the schema never throws, in either language", () => {
    fc.assert(
      fc.property(mutatedBody, fc.constantFrom("ja" as const, "en" as const), (body, locale) => {
        intakeSchema(locale).safeParse(body);
      }),
      { numRuns: 2000 },
    );
  });

  it("the API never answers 5xx and names the field of every error", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody, async (body) => {
        const response = await post(body);
        expect(response.status).toBeLessThan(500);
        if (response.status === 400) {
          const json = await response.json();
          for (const [field, messages] of Object.entries(json.errors ?? {})) {
            expect(field).not.toBe("");
            expect((messages as string[]).every((m) => typeof m === "string" && m.length > 0)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
