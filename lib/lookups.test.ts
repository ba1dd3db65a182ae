// Lookups keyed by request input never reach Object.prototype (issue 8, defect 2).
import { describe, expect, it } from "vitest";
import { getGuide, getStepContent, getStepFrontmatter, getStepTitle, getExternalLink } from "@/lib/content";
import { replayWalk, stepOf } from "@/lib/guide-graph";
import { prefillFromWalkParam as prefillFromWalk } from "@/lib/guides/intake-schema";
import { answerFields, optionLabel } from "@/lib/guides/answers";
import { TicketFilterSchema } from "@/lib/validation/triage";

const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];

describe("lookups by user-supplied keys", () => {
  const guide = getGuide("jaist-sso")!;

  it("finds no step, content or title for Object.prototype names", async () => {
    for (const name of NAMES) {
      expect(stepOf(guide, name), name).toBeUndefined();
      expect(getStepFrontmatter("jaist-sso", "ja", name), name).toBeNull();
      expect(getStepTitle("jaist-sso", name, "en"), name).toBeNull();
      expect(await getStepContent("jaist-sso", "ja", name), name).toBeNull();
      expect(getExternalLink(name, "ja"), name).toBeNull();
    }
    expect(stepOf(guide, guide.start)).toBeDefined();
  });

  it("replays no walk through them and pre-fills nothing from them", () => {
    for (const name of NAMES) {
      expect(replayWalk(guide, [name]), name).toBeNull();
      expect(prefillFromWalk(guide, `${name},${name}`), name).toBeNull();
    }
  });

  it("labels them as themselves, not as a prototype member", () => {
    const fields = new Map(answerFields(guide).map((f) => [f.key, f]));
    for (const name of NAMES) {
      expect(optionLabel(fields.get("tried"), name, "ja"), name).toBe(name);
      expect(optionLabel(fields.get("network"), name, "en"), name).toBe(name);
    }
    expect(optionLabel(fields.get("tried"), "other-device", "en")).toBe("Another device");
  });

  it("drops control characters from the staff search box instead of sending them to PostgreSQL", () => {
    expect(TicketFilterSchema.parse({ q: "山田\u0000" }).q).toBe("山田");
  });
});
