// The deflection report against the real PostgreSQL. Each case works in its own week far in the
// future (visits older than 90 days would be pruned by the beacon of a test running beside it), so
// rows made by tests running in parallel never fall into its window.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getGuide } from "@/lib/content";
import { db } from "@/lib/db";
import { DASHBOARD_SUMMARY_TTL_MS, deflectionSummary, recentDeflectionSummary, selfServiceScore, stepDeflection } from "@/lib/data/deflection";
import { recordStepVisit } from "@/lib/data/step-visits";
import { rate, reportWindow } from "@/lib/insight/window";
import { createTicket } from "@/lib/testing/factories";

const HOUR = 3_600_000;
let nextWeek = 0;
const base = Date.UTC(2100 + Math.floor(Math.random() * 300), 0, 5, 3);
/** A fresh 7-day window of its own: `now` is its end, `start` its first instant. */
function freshWindow() {
  const now = new Date(base + nextWeek++ * 30 * 24 * HOUR);
  return reportWindow(7, now);
}

const guide = getGuide("jaist-sso")!;
const stepIds = Object.keys(guide.steps);
const isLeaf = (s: string) => Boolean(guide.steps[s].leaf);

async function vote(sessionHash: string, stepId: string, helpful: boolean, at: Date) {
  await db().stepFeedback.create({ data: { guideId: "jaist-sso", stepId, locale: "ja", helpful, sessionHash, createdAt: at } });
}

describe("deflection report", () => {
  it("counts per step the sessions that reached it, their 'solved' votes and their tickets within 24 h, never tickets of others", async () => {
    const w = freshWindow();
    const t0 = new Date(w.start.getTime() + 24 * HOUR);
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    for (const s of [a, b, c]) await recordStepVisit(s, "jaist-sso", "step2-4", t0);
    await recordStepVisit(a, "jaist-sso", "step2-4", new Date(t0.getTime() + HOUR)); // again: still one session
    await createTicket({ guideId: "jaist-sso", endStep: "step2-4", helpSessionHash: a, createdAt: new Date(t0.getTime() + 2 * HOUR) });
    await createTicket({ guideId: "jaist-sso", endStep: "step2-4", helpSessionHash: b, createdAt: new Date(t0.getTime() + 30 * HOUR) }); // too late
    await vote(c, "step2-4", true, new Date(t0.getTime() + 60_000));
    // What made the old funnel read 683%: tickets that ended at the step from people never seen there.
    for (let i = 0; i < 5; i++) await createTicket({ guideId: "jaist-sso", endStep: "step2-4", createdAt: new Date(t0.getTime() + HOUR) });

    const rows = Object.fromEntries((await stepDeflection("jaist-sso", w)).map((r) => [r.stepId, r]));
    expect(rows["step2-4"]).toMatchObject({ sessions: 3, solved: 1, ticketed: 1, leaf: true });
    expect(rows["step0"]).toMatchObject({ sessions: 0, solved: 0, ticketed: 0 });
    expect((await stepDeflection("jaist-sso", w))[0].stepId).toBe(guide.start);

    const summary = await deflectionSummary(w);
    // a filed in time; c said solved; b ended on an advice step and filed only after 24 h.
    expect(summary).toEqual({ sessions: 3, tickets: 7, ticketedSessions: 1, solvedDeflection: 1, potentialDeflection: 1 });
    expect(selfServiceScore(summary)).toBeCloseTo(3 / 7);
  });

  it("a session that ended on a routing step is not a potential deflection", async () => {
    const w = freshWindow();
    const s = randomUUID();
    await recordStepVisit(s, "jaist-sso", "step2-4", new Date(w.start.getTime() + HOUR));
    await recordStepVisit(s, "jaist-sso", guide.start, new Date(w.start.getTime() + 2 * HOUR));
    expect(isLeaf(guide.start)).toBe(false);
    expect(await deflectionSummary(w)).toMatchObject({ sessions: 1, potentialDeflection: 0, solvedDeflection: 0 });
  });

  it("property: over any visits, votes and tickets, the figures match a model and no rate exceeds 100%", async () => {
    const session = fc.record({
      // Distinct minutes, so "the last step" is never a tie.
      // Within the window's first six days: nothing can happen after its end (`now`).
      visits: fc.uniqueArray(fc.record({ step: fc.constantFrom(...stepIds), minute: fc.integer({ min: 0, max: 6 * 24 * 60 }) }), { minLength: 1, maxLength: 6, selector: (v) => v.minute }),
      votes: fc.array(fc.boolean(), { maxLength: 3 }),
      tickets: fc.array(fc.integer({ min: -120, max: 6 * 24 * 60 + 720 }), { maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(session, { minLength: 1, maxLength: 6 }), async (sessions) => {
        const w = freshWindow();
        const at = (minute: number) => new Date(w.start.getTime() + minute * 60_000);
        const model = new Map<string, { sessions: number; solved: number; ticketed: number }>();
        const expected = { sessions: 0, tickets: 0, ticketedSessions: 0, solvedDeflection: 0, potentialDeflection: 0 };
        for (const s of sessions) {
          const hash = randomUUID();
          for (const v of s.visits) await recordStepVisit(hash, "jaist-sso", v.step, at(v.minute));
          // Votes on the leaves it visited, at most one per step (as the unique key allows).
          const leaves = [...new Set(s.visits.map((v) => v.step).filter(isLeaf))];
          const votes = new Map(leaves.slice(0, s.votes.length).map((step, i) => [step, s.votes[i]]));
          for (const [step, helpful] of votes) await vote(hash, step, helpful, at(s.visits[0].minute));
          for (const minute of s.tickets) await createTicket({ guideId: "jaist-sso", helpSessionHash: hash, createdAt: at(minute) });
          expected.tickets += s.tickets.filter((m) => at(m) >= w.start && at(m) <= w.end).length;

          const filedBetween = (from: number, to: number) => s.tickets.some((m) => m >= from && m < to);
          for (const step of new Set(s.visits.map((v) => v.step))) {
            const first = Math.min(...s.visits.filter((v) => v.step === step).map((v) => v.minute));
            const row = model.get(step) ?? { sessions: 0, solved: 0, ticketed: 0 };
            row.sessions++;
            if (votes.get(step) === true) row.solved++;
            if (filedBetween(first, first + 24 * 60)) row.ticketed++;
            model.set(step, row);
          }
          const minutes = s.visits.map((v) => v.minute);
          const last = s.visits.find((v) => v.minute === Math.max(...minutes))!;
          const ticketed = filedBetween(Math.min(...minutes), Math.max(...minutes) + 24 * 60);
          const solved = [...votes.values()].some(Boolean);
          expected.sessions++;
          if (ticketed) expected.ticketedSessions++;
          else if (solved) expected.solvedDeflection++;
          else if (isLeaf(last.step)) expected.potentialDeflection++;
        }

        const rows = await stepDeflection("jaist-sso", w);
        for (const r of rows) {
          expect({ step: r.stepId, sessions: r.sessions, solved: r.solved, ticketed: r.ticketed }).toEqual({ step: r.stepId, ...(model.get(r.stepId) ?? { sessions: 0, solved: 0, ticketed: 0 }) });
          expect(rate(r.ticketed, r.sessions) ?? 0).toBeLessThanOrEqual(1);
          expect(rate(r.solved, r.sessions) ?? 0).toBeLessThanOrEqual(1);
        }
        const summary = await deflectionSummary(w);
        expect(summary).toEqual(expected);
        expect(summary.ticketedSessions + summary.solvedDeflection + summary.potentialDeflection).toBeLessThanOrEqual(summary.sessions);
      }),
      { numRuns: 15 },
    );
  });

  it("the dashboard's summary: reused within its time, then the last figure at once while a new one is computed", async () => {
    const t0 = new Date("2031-03-03T03:00:00Z");
    const first = await recentDeflectionSummary(7, t0);
    expect(await recentDeflectionSummary(7, new Date(t0.getTime() + 1000))).toBe(first);
    // Expired: the same figure comes back without waiting, and the refresh replaces it afterwards.
    const later = new Date(t0.getTime() + DASHBOARD_SUMMARY_TTL_MS + 1);
    expect(await recentDeflectionSummary(7, later)).toBe(first);
    await expect.poll(async () => (await recentDeflectionSummary(7, later)) !== first).toBe(true);
  });
});
