import { describe, expect, it } from "vitest";
import { getGuide } from "@/lib/content";
import { allWalks, endStep, replayWalk, shortestWalks, validateGuide, type Guide } from "@/lib/guide-graph";

const guide = getGuide("jaist-sso")!;
const clone = (): Guide => structuredClone(guide);

describe("the jaist-sso guide graph", () => {
  it("is sound: targets exist, every step is reachable, no dead ends, leaves lead to STEP3", () => {
    expect(validateGuide(guide)).toEqual([]);
  });

  it("ends every walk that cannot go on at the contact step", () => {
    for (const walk of allWalks(guide)) {
      const step = guide.steps[endStep(walk)];
      if (step.choices.length === 0) expect(endStep(walk)).toBe(guide.contactStep);
    }
  });

  it("follows the seed: STEP0 → STEP2 → STEP2-3 → STEP2-3-1 → STEP3 with the certificate answers", () => {
    const walk = replayWalk(guide, ["cert-invalid", "use-cert", "cert-imported", "cert-still-failing"]);
    expect(walk?.steps).toEqual(["step0", "step2", "step2-3", "step2-3-1", "step3"]);
    expect(walk?.answers).toEqual({
      message: "cert-invalid-no-otp",
      stopsAt: "after-password",
      factor: "certificate",
      certificateImported: "yes",
    });
  });

  it("rejects walks that are not walks of the graph", () => {
    expect(replayWalk(guide, ["use-cert"])).toBeNull();
    expect(replayWalk(guide, ["cert-invalid", "nonsense"])).toBeNull();
  });

  it("fails when a step's target is removed", () => {
    const broken = clone();
    delete broken.steps["step2-3-1"];
    expect(validateGuide(broken)).toContain('step2-3: choice "cert-imported" leads to missing step "step2-3-1"');
  });

  it("fails on unreachable steps, dead ends, cycles and leaves without the way to STEP3", () => {
    const orphan = clone();
    orphan.steps["orphan"] = { label: "X", choices: [{ id: "orphan-go", to: "step3" }] };
    expect(validateGuide(orphan)).toContain("orphan: not reachable from step0");

    const deadEnd = clone();
    deadEnd.steps["step1-2"].choices = [];
    expect(validateGuide(deadEnd)).toContain("step1-2: dead end (no choices and not the contact step)");

    const cycle = clone();
    cycle.steps["step2-4"].choices.push({ id: "back-to-start", to: "step0" });
    expect(validateGuide(cycle).some((p) => p.startsWith("cycle through"))).toBe(true);

    const leaf = clone();
    leaf.steps["step2-4"].choices = [{ id: "x", to: "step2-3" }];
    expect(validateGuide(leaf)).toContain("step2-4: a leaf must offer the way to step3");
  });

  it("lists steps breadth-first with their shortest walks, each step once", () => {
    // a → b, a → c, b → d, c → d, d → e: d is met through b first, and e only after d.
    const small: Guide = {
      id: "small",
      ticketPrefix: "SM",
      start: "a",
      contactStep: "e",
      steps: {
        a: { label: "A", choices: [{ id: "to-b", to: "b" }, { id: "to-c", to: "c" }] },
        b: { label: "B", choices: [{ id: "b-to-d", to: "d" }] },
        c: { label: "C", choices: [{ id: "c-to-d", to: "d" }] },
        d: { label: "D", choices: [{ id: "to-e", to: "e" }] },
        e: { label: "E", contact: true, choices: [] },
      },
    };
    expect([...shortestWalks(small)]).toEqual([
      ["a", []],
      ["b", ["to-b"]],
      ["c", ["to-c"]],
      ["d", ["to-b", "b-to-d"]],
      ["e", ["to-b", "b-to-d", "to-e"]],
    ]);
    expect([...shortestWalks(guide).keys()].slice(0, 4)).toEqual(["step0", "step1", "step2", "otp-input"]);
  });
});
