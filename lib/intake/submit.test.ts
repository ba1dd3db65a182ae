// Integration: the whole intake against the real PostgreSQL (DATABASE_URL from scripts/test.ts).
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getTicketByToken } from "@/lib/data/tickets";
import { createTicketFromIntake } from "@/lib/tickets/create-ticket";
import { addRequesterMessage } from "@/lib/tickets/requester-message";
import { getAttachmentForToken, unsafeGetAttachment } from "@/lib/data/attachments";
import { submitIntake } from "@/lib/intake/submit";
import { buildTicketInput } from "@/lib/testing/factories";
import { readScreenshot } from "@/lib/screenshot";
import { hashToken } from "@/lib/tokens";
import { CERT_WALK, certificateWalkForm } from "@/lib/testing/intake-form";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const ip = () => `198.51.100.${randomBytes(2).readUInt16BE(0)}-${randomUUID().slice(0, 6)}`;

const form = (overrides: Record<string, unknown> = {}) => certificateWalkForm(overrides);

describe("submitIntake", () => {
  it("creates the ticket with its path, answers, changed fields, screenshot and confirmation mail", async () => {
    const raw = form({ factor: "otp", tried: ["step0", "step2", "step1", "other-device"] });
    const out = await submitIntake({ raw, ip: ip(), locale: "ja", screenshot: new File([PNG], "画面.svg", { type: "image/svg+xml" }) });
    expect(out.kind).toBe("created");
    if (out.kind !== "created") return;
    expect(out.reference).toMatch(/^SSO-\d{4}-\d{6}$/);
    expect(out.statusUrl).toMatch(/\/ja\/requests\/[A-Za-z0-9_-]{22}$/);

    const ticket = await db().ticket.findUniqueOrThrow({ where: { reference: out.reference }, include: { attachments: true, mails: true, events: true } });
    expect(ticket).toMatchObject({
      guideId: "jaist-sso",
      path: ["step0", "step2", "step2-3", "step2-3-1", "step3"],
      walk: CERT_WALK.split(","),
      endStep: "step2-3-1",
      pathAnswers: { message: "cert-invalid-no-otp", factor: "certificate", stopsAt: "after-password", certificateImported: "yes" },
      status: "new",
      locale: "ja",
    });
    // step1 is not on this walk: only the walk's steps and the fixed extras are kept.
    expect(ticket.answers).toMatchObject({ factor: "otp", certificateImported: "yes", tried: ["step0", "step2", "other-device"] });
    // The STEP1 login test is moot on a walk that never went through STEP1: not asked, not stored.
    expect(ticket.answers).not.toHaveProperty("contactFormLogin");
    expect(ticket.changedFields.sort()).toEqual(["factor", "tried"]);
    const token = out.statusUrl!.split("/").pop()!;
    expect(ticket.statusTokenHash).toBe(hashToken(token));
    expect(ticket.statusTokenHash).not.toContain(token);

    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.attachments[0]).toMatchObject({ filename: "画面.png", contentType: "image/png", size: PNG.length });
    expect(ticket.mails).toHaveLength(1);
    expect(ticket.mails[0]).toMatchObject({ kind: "confirmation", to: raw.email });
    expect(ticket.mails[0].subject).toContain(out.reference);
    expect(ticket.mails[0].text).toContain(out.statusUrl);
    expect(ticket.events.map((e) => e.kind).sort()).toEqual(["attachment", "created"]);

    const seen = await getTicketByToken(token);
    expect(seen?.reference).toBe(out.reference);
    const file = await getAttachmentForToken(token, ticket.attachments[0].id);
    expect(Buffer.from(file!.data)).toEqual(Buffer.from(PNG));
    expect(await getAttachmentForToken("x".repeat(22), ticket.attachments[0].id)).toBeNull();
    expect((await unsafeGetAttachment(ticket.attachments[0].id))?.ticketId).toBe(ticket.id);
  });

  it("takes what the walk answered when the form leaves it out (issue 9)", async () => {
    const raw = form({ messageShown: undefined, factor: undefined, stopsAt: undefined, contactFormLogin: undefined });
    const out = await submitIntake({ raw, ip: ip(), locale: "ja" });
    expect(out.kind).toBe("created");
    if (out.kind !== "created") return;
    const t = await db().ticket.findUniqueOrThrow({ where: { reference: out.reference } });
    expect(t.answers).toMatchObject({ messageShown: "cert-invalid-no-otp", factor: "certificate", stopsAt: "after-password", network: "off-campus" });
    expect(t.changedFields).toEqual(["tried"]);
    // Without a walk nothing is known: the same body misses three required answers.
    const bare = await submitIntake({ raw: { ...raw, walk: undefined, email: `x.${randomUUID()}@example.com` }, ip: ip(), locale: "ja" });
    expect(bare.kind === "invalid" && Object.keys(bare.errors).sort()).toEqual(["contactFormLogin", "factor", "messageShown", "stopsAt"]);
  });

  it("files a generic GEN ticket without a guide (or with guide=none): common fields and a topic, never the SSO answers", async () => {
    const noTopic = await submitIntake({ raw: form({ guide: undefined, walk: undefined }), ip: ip(), locale: "en" });
    expect(noTopic.kind === "invalid" && noTopic.errors).toEqual({ topic: ["Please choose one."] });
    for (const guide of [undefined, "none"]) {
      const general = await submitIntake({ raw: form({ guide, walk: undefined, topic: "account" }), ip: ip(), locale: "en" });
      expect(general.kind === "created" && general.reference).toMatch(/^GEN-\d{4}-\d{6}$/);
      if (general.kind !== "created") return;
      const t = await db().ticket.findUniqueOrThrow({ where: { reference: general.reference } });
      expect(t).toMatchObject({ guideId: null, answers: { topic: "account" }, path: [] });
    }
  });

  it("drops an invalid walk silently", async () => {
    const bad = await submitIntake({ raw: form({ walk: "cert-invalid,nope" }), ip: ip(), locale: "ja" });
    expect(bad.kind).toBe("created");
    if (bad.kind !== "created") return;
    const t = await db().ticket.findUniqueOrThrow({ where: { reference: bad.reference } });
    expect(t).toMatchObject({ path: [], walk: [], endStep: null, changedFields: [], answers: expect.objectContaining({ tried: ["private-window"] }) });
  });

  it("refuses an SVG screenshot and a secret, storing nothing", async () => {
    const raw = form({ description: "パスワードは Tebiki2026! です" });
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], "shot.png", { type: "image/png" });
    const out = await submitIntake({ raw, ip: ip(), locale: "ja", screenshot: svg });
    expect(out.kind).toBe("invalid");
    if (out.kind === "invalid") {
      expect(out.errors.description?.[0]).toContain("削除");
      expect(out.errors.screenshot).toEqual(["PNG・JPEG・WebP形式の画像を選んでください。"]);
    }
    expect(await db().ticket.count({ where: { email: raw.email } })).toBe(0);
  });

  it("pretends success for a filled honeypot without storing anything", async () => {
    const raw = form({ website: "http://spam.example" });
    const out = await submitIntake({ raw, ip: ip(), locale: "ja" });
    expect(out.kind).toBe("honeypot");
    expect(await db().ticket.count({ where: { email: raw.email } })).toBe(0);
  });

  it("makes one ticket of a repeated idempotency key, even when both arrive at once", async () => {
    const raw = form();
    const [a, b] = await Promise.all([submitIntake({ raw, ip: ip(), locale: "ja" }), submitIntake({ raw, ip: ip(), locale: "ja" })]);
    const c = await submitIntake({ raw, ip: ip(), locale: "ja" });
    const refs = [a, b, c].map((o) => (o.kind === "created" ? o.reference : o.kind));
    expect(new Set(refs).size).toBe(1);
    expect(await db().ticket.count({ where: { idempotencyKey: raw.idempotencyKey } })).toBe(1);
    expect(await db().outboxMail.count({ where: { to: raw.email } })).toBe(1);
    expect([a, b, c].filter((o) => o.kind === "created" && o.duplicate)).toHaveLength(2);
  });

  it("limits each client IP on its own and says when to try again", async () => {
    const blocked = ip();
    const other = ip();
    // INTAKE_LIMIT_10MIN defaults to 5.
    for (let i = 0; i < 5; i++) expect((await submitIntake({ raw: form(), ip: blocked, locale: "ja" })).kind).toBe("created");
    const sixth = await submitIntake({ raw: form(), ip: blocked, locale: "en" });
    expect(sixth.kind).toBe("limited");
    if (sixth.kind === "limited") {
      expect(sixth.message).toMatch(/try again at \d{2}:\d{2} \(Japan time\)/);
      expect(sixth.retryAfterSeconds).toBeGreaterThan(500);
    }
    expect((await submitIntake({ raw: form(), ip: other, locale: "ja" })).kind).toBe("created");
  });
});

describe("references", () => {
  it("stay unique and contiguous under 50 concurrent creates", async () => {
    const prefix = `T${randomBytes(4).toString("hex").toUpperCase()}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        createTicketFromIntake(
          { ...buildTicketInput(), referencePrefix: prefix },
          { mail: (reference) => ({ kind: "confirmation", to: "x@example.com", subject: reference, text: "t" }) },
        ),
      ),
    );
    const numbers = results.map((r) => Number(r.reference.split("-").pop())).sort((a, b) => a - b);
    expect(new Set(results.map((r) => r.reference)).size).toBe(50);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("refuses tampered tried values and hidden fields with named messages in the request's language, storing nothing", async () => {
    const stored = async (email: string) => ({
      tickets: await db().ticket.count({ where: { email } }),
      mails: await db().outboxMail.count({ where: { to: email } }),
    });
    for (const value of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const raw = form({ tried: ["step0", value] });
      const out = await submitIntake({ raw, ip: ip(), locale: "ja" });
      expect(out.kind, value).toBe("invalid");
      if (out.kind === "invalid") expect(Object.keys(out.errors), value).toEqual(["tried"]);
      expect(await stored(raw.email as string), value).toEqual({ tickets: 0, mails: 0 });
    }
    const pattern = await submitIntake({ raw: form({ tried: ["<script>"] }), ip: ip(), locale: "ja" });
    expect(pattern.kind === "invalid" && pattern.errors.tried?.[0]).toContain("選択肢にない");
    const walk = await submitIntake({ raw: form({ walk: "x".repeat(10_000) }), ip: ip(), locale: "en" });
    expect(walk.kind === "invalid" && walk.errors).toEqual({ walk: [expect.stringContaining("path you took")] });
    const key = await submitIntake({ raw: form({ idempotencyKey: "<bad>" }), ip: ip(), locale: "ja" });
    expect(key.kind === "invalid" && key.errors.idempotencyKey?.[0]).toContain("読み取れません");
  });

  it("refuses NUL and other control characters in every free-text field, storing nothing", async () => {
    for (const field of ["name", "serviceOther", "messageOther", "device", "certificateInfo", "description"]) {
      const raw = form({ service: "other", messageShown: "other", serviceOther: "Moodle", messageOther: "Error", [field]: "text\u0000more" });
      const out = await submitIntake({ raw, ip: ip(), locale: "en" });
      expect(out.kind, field).toBe("invalid");
      if (out.kind === "invalid") expect(out.errors, field).toEqual({ [field]: [expect.stringContaining("control character")] });
      expect(await db().ticket.count({ where: { email: raw.email as string } }), field).toBe(0);
    }
    const ok = await submitIntake({ raw: form({ description: "line\r\nwith\ttab" }), ip: ip(), locale: "ja" });
    expect(ok.kind).toBe("created");
  });
});

describe("the requester's status link", () => {
  async function ticketWithToken() {
    const out = await submitIntake({ raw: form(), ip: ip(), locale: "ja" });
    if (out.kind !== "created") throw new Error("not created");
    return { reference: out.reference, token: out.statusUrl!.split("/").pop()! };
  }

  it("shows public messages only and reopens a waiting ticket on a requester message", async () => {
    const { reference, token } = await ticketWithToken();
    const t = await db().ticket.update({ where: { reference }, data: { status: "waiting" } });
    await db().ticketMessage.createMany({
      data: [
        { ticketId: t.id, authorType: "staff", visibility: "internal", body: "internal: check the LDAP log" },
        { ticketId: t.id, authorType: "staff", visibility: "public", body: "Which browser do you use?" },
      ],
    });
    const shot = await readScreenshot(new File([PNG], "a.png"));
    expect(shot.ok && shot.screenshot).toBeTruthy();
    expect(await addRequesterMessage(token, "Safari です", shot.ok ? shot.screenshot : null)).toBeTruthy();
    const seen = await getTicketByToken(token);
    expect(seen?.status).toBe("open");
    expect(seen?.messages.map((m) => m.body)).toEqual(["Which browser do you use?", "Safari です"]);
    const events = await db().ticketEvent.findMany({ where: { ticketId: t.id, kind: "status" } });
    expect(events).toMatchObject([{ actorType: "requester", before: { status: "waiting" }, after: { status: "open" } }]);
  });

  it("gives nothing for an unknown or expired token", async () => {
    const { reference, token } = await ticketWithToken();
    expect(await getTicketByToken(randomBytes(16).toString("base64url"))).toBeNull();
    await db().ticket.update({ where: { reference }, data: { statusTokenExpiresAt: new Date(Date.now() - 1000) } });
    expect(await getTicketByToken(token)).toBeNull();
    expect(await addRequesterMessage(token, "hello", null)).toBeNull();
  });
});
