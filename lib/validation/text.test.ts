import { describe, expect, it } from "vitest";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter, plainString, stripControlCharacters } from "@/lib/validation/text";

describe("control characters in free text", () => {
  it("refuses NUL and the other C0/C1 controls, and allows tab and line breaks", () => {
    // ...and half a surrogate pair, which PostgreSQL refuses in JSON (found by the intake fuzzing).
    for (const bad of ["a\u0000b", "\u0007", "x\u001b[31m", "\u007f", "\u0085", "\u000b", "\u000c", "\ud800", "a\udc00b", "👍".slice(0, 1)]) {
      expect(hasControlCharacter(bad), JSON.stringify(bad)).toBe(true);
    }
    for (const ok of ["line\nline", "a\tb", "windows\r\nline", "日本語テキスト", "emoji 👍"]) {
      expect(hasControlCharacter(ok), JSON.stringify(ok)).toBe(false);
    }
  });

  it("gives the schema's message, and strips them where input is only a lookup", () => {
    const result = plainString(CONTROL_CHARACTER_MESSAGE.ja).safeParse("a\u0000b");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(CONTROL_CHARACTER_MESSAGE.ja);
    expect(stripControlCharacters("山\u0000田\u0007")).toBe("山田");
    expect(stripControlCharacters("山\ud800田👍")).toBe("山田👍");
  });
});

describe("every free-text schema refuses NUL with its message", async () => {
  const { FeedbackSchema } = await import("@/lib/validation/feedback");
  const { CreateStaffSchema } = await import("@/lib/validation/staff");
  const { NoteSchema, ReplySchema } = await import("@/lib/validation/triage");
  const { ServiceStatusSchema } = await import("@/lib/validation/service-status");
  const { requesterMessageSchema } = await import("@/lib/validation/intake");
  const id = "3f0c8a52-7d1e-4a8b-9c2d-1e2f3a4b5c6d";
  const cases: [string, { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, Record<string, unknown>, string][] = [
    ["feedback comment", FeedbackSchema, { guideId: "jaist-sso", stepId: "step0", locale: "ja", helpful: "no", comment: "a\u0000" }, "comment"],
    ["staff name", CreateStaffSchema, { email: "a@example.edu", name: "A\u0000", role: "agent" }, "name"],
    ["internal note", NoteSchema, { ticketId: id, version: "3", body: "x\u0000" }, "body"],
    ["reply", ReplySchema, { ticketId: id, version: "3", body: "x\u0000" }, "body"],
    ["status message", ServiceStatusSchema, { state: "degraded", messageJa: "遅延\u0000", messageEn: "", since: null, until: null }, "messageJa"],
    ["requester message", requesterMessageSchema("en"), { message: "hello\u0000" }, "message"],
  ];
  for (const [name, schema, value, field] of cases) {
    it(name, () => {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => String(i.path[0]))).toEqual([field]);
    });
  }
});
