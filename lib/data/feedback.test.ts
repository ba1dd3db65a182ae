import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countStepFeedback, hashFeedbackSession, recordStepFeedback } from "@/lib/data/feedback";
import { db } from "@/lib/db";
import { FeedbackSchema } from "@/lib/validation/feedback";

// A guide id of its own per test run keeps the counts independent of other tests.
const guideId = () => `test-${randomUUID().slice(0, 8)}`;

describe("step feedback", () => {
  it("hashes the session id (no raw id stored) and keeps one vote per step and session", async () => {
    const g = guideId();
    const sessionHash = hashFeedbackSession("session-a");
    expect(sessionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionHash).not.toContain("session-a");

    await recordStepFeedback({ guideId: g, stepId: "step1", locale: "ja", helpful: false, sessionHash });
    await recordStepFeedback({ guideId: g, stepId: "step1", locale: "ja", helpful: false, comment: "まだ駄目です", sessionHash });
    let rows = await db().stepFeedback.findMany({ where: { guideId: g } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ helpful: false, comment: "まだ駄目です" });

    await recordStepFeedback({ guideId: g, stepId: "step1", locale: "en", helpful: true, sessionHash });
    rows = await db().stepFeedback.findMany({ where: { guideId: g } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ helpful: true, comment: null, locale: "en" });
  });

  it("counts yes and no per step across sessions", async () => {
    const g = guideId();
    for (const [session, helpful] of [["a", true], ["b", true], ["c", false]] as const) {
      await recordStepFeedback({ guideId: g, stepId: "step2", locale: "ja", helpful, sessionHash: hashFeedbackSession(session) });
    }
    expect(await countStepFeedback(g)).toEqual({ step2: { yes: 2, no: 1 } });
  });

  it("validates the form: yes/no, ids, and a comment of at most 1000 characters", () => {
    const base = { guideId: "jaist-sso", stepId: "step2-3", locale: "ja", helpful: "no" };
    expect(FeedbackSchema.parse({ ...base, comment: "  " })).toEqual({ ...base, helpful: false, comment: undefined, walk: [] });
    // "Not solved" on a leaf carries the walk that reached it and the choice taken from it.
    expect(FeedbackSchema.parse({ ...base, walk: "cert-invalid,use-cert", next: "cert-imported" })).toMatchObject({
      walk: ["cert-invalid", "use-cert"],
      next: "cert-imported",
    });
    expect(FeedbackSchema.safeParse({ ...base, next: "/evil" }).success).toBe(false);
    expect(FeedbackSchema.safeParse({ ...base, comment: "x".repeat(1001) }).success).toBe(false);
    expect(FeedbackSchema.safeParse({ ...base, comment: "x".repeat(1000) }).success).toBe(true);
    expect(FeedbackSchema.safeParse({ ...base, helpful: "maybe" }).success).toBe(false);
    expect(FeedbackSchema.safeParse({ ...base, stepId: "../x" }).success).toBe(false);
  });
});
