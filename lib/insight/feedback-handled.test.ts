import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listFeedbackComments } from "@/lib/data/feedback";
import { setFeedbackHandled } from "@/lib/insight/feedback-handled";
import { createStaff } from "@/lib/testing/factories";

async function comment(text: string, helpful = false) {
  return db().stepFeedback.create({ data: { guideId: "jaist-sso", stepId: "step2-4", locale: "ja", helpful, comment: helpful ? null : text, sessionHash: randomUUID() } });
}

describe("feedback handled marks", () => {
  it("an admin marks a comment handled (who, when) and open again; the list filters by it", async () => {
    const { user } = await createStaff({ role: "admin", name: `管理 ${randomUUID().slice(0, 4)}` });
    const row = await comment(`手順どおりでも駄目 ${randomUUID()}`);
    const at = new Date("2026-11-26T03:00:00Z");
    expect(await setFeedbackHandled(user, row.id, true, at)).toEqual({ ok: true });
    expect(await db().stepFeedback.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ handledAt: at, handledById: user.id });
    const handled = await listFeedbackComments({ state: "handled", guideId: "jaist-sso", stepId: "step2-4", limit: 5000 });
    expect(handled.find((c) => c.id === row.id)?.handledBy?.name).toBe(user.name);
    expect((await listFeedbackComments({ state: "open", guideId: "jaist-sso", limit: 5000 })).some((c) => c.id === row.id)).toBe(false);

    expect(await setFeedbackHandled(user, row.id, false)).toEqual({ ok: true });
    expect(await db().stepFeedback.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ handledAt: null, handledById: null });
    expect((await listFeedbackComments({ state: "open", guideId: "jaist-sso", limit: 5000 })).some((c) => c.id === row.id)).toBe(true);
  });

  it("an agent may not mark; votes without a comment and unknown ids are not found", async () => {
    const { user: agent } = await createStaff({ role: "agent" });
    const row = await comment("だめでした");
    expect(await setFeedbackHandled(agent, row.id, true)).toEqual({ ok: false, reason: "forbidden" });
    expect((await db().stepFeedback.findUniqueOrThrow({ where: { id: row.id } })).handledAt).toBeNull();

    const { user: admin } = await createStaff({ role: "admin" });
    const yes = await comment("", true);
    expect(await setFeedbackHandled(admin, yes.id, true)).toEqual({ ok: false, reason: "not-found" });
    expect(await setFeedbackHandled(admin, randomUUID(), true)).toEqual({ ok: false, reason: "not-found" });
    expect(await setFeedbackHandled(admin, "1; DROP TABLE", true)).toEqual({ ok: false, reason: "not-found" });
  });

  it("lists newest first and never a 'solved' vote", async () => {
    const older = await db().stepFeedback.create({ data: { guideId: "jaist-sso", stepId: "step2-2", locale: "en", helpful: false, comment: "older", sessionHash: randomUUID(), createdAt: new Date("2300-01-01T00:00:00Z") } });
    const newer = await db().stepFeedback.create({ data: { guideId: "jaist-sso", stepId: "step2-2", locale: "en", helpful: false, comment: "newer", sessionHash: randomUUID(), createdAt: new Date("2300-01-02T00:00:00Z") } });
    const rows = await listFeedbackComments({ state: "all", guideId: "jaist-sso", stepId: "step2-2", limit: 2 });
    expect(rows.map((r) => r.id)).toEqual([newer.id, older.id]);
    expect(rows.every((r) => r.comment)).toBe(true);
  });
});
