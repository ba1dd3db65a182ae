import { describe, expect, it } from "vitest";
import { getStepTitle } from "@/lib/content";

describe("getStepTitle", () => {
  it("reads a step's title from its MDX frontmatter in either language", () => {
    expect(getStepTitle("jaist-sso", "step1", "ja")).toBe("STEP1.ユーザ名とパスワードを確認する");
    expect(getStepTitle("jaist-sso", "step2-4", "en")).toBe("STEP2-4. Not enough authentication factors");
  });
  it("answers null for unknown guides and steps, never reading outside content/", () => {
    expect(getStepTitle("jaist-sso", "no-such-step", "ja")).toBeNull();
    expect(getStepTitle("jaist-sso", "../../package", "ja")).toBeNull();
    expect(getStepTitle("other", "step1", "ja")).toBeNull();
  });
});
