// The proxy's decision about help paths (issue 12): unknown walks and slugs are 404s before anything
// renders; an old walk of a removed step goes to the longest prefix still valid; drafts have no page.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readContentDir } from "@/lib/content/documents";
import { decidePublicPath } from "@/lib/content/public-path";
import { createSnapshot } from "@/lib/content/snapshot";
import type { Guide } from "@/lib/guide-graph";
import { redirectWalk } from "@/lib/content/walk-redirect";

const docs = readContentDir(path.join(process.cwd(), "content"));
const sso = docs.guide["jaist-sso"].declaration as Guide;

// An earlier version of the guide had one more step after "cert-imported"'s parent.
const past = structuredClone(sso);
past.steps["use-cert-extra"] = { label: "X", leaf: true, choices: [{ id: "extra-failing", to: sso.contactStep }] };
const useCert = Object.entries(past.steps).find(([, s]) => s.choices.some((c) => c.id === "cert-imported"))![0];
past.steps[useCert].choices.push({ id: "extra", to: "use-cert-extra" });

const snapshot = createSnapshot(docs, { source: "test", pastGraphs: new Map([["jaist-sso", [past]]]) });

describe("redirectWalk", () => {
  it("sends a walk valid only in an earlier version to its longest prefix that is still valid", () => {
    expect(redirectWalk(sso, [past], ["cert-invalid", "use-cert", "extra"])).toEqual(["cert-invalid", "use-cert"]);
    expect(redirectWalk(sso, [past], ["cert-invalid", "use-cert", "extra", "extra-failing"])).toEqual(["cert-invalid", "use-cert"]);
  });

  it("leaves valid walks and walks no version had alone", () => {
    expect(redirectWalk(sso, [past], ["cert-invalid", "use-cert", "cert-imported"])).toBeNull();
    expect(redirectWalk(sso, [past], ["cert-invalid", "nope"])).toBeNull();
    expect(redirectWalk(sso, [], ["cert-invalid", "use-cert", "extra"])).toBeNull();
  });
});

describe("decidePublicPath", () => {
  it("passes what exists, 404s what does not, redirects old walks", () => {
    expect(decidePublicPath("/ja/guides/jaist-sso", snapshot)).toEqual({ action: "pass" });
    expect(decidePublicPath("/en/guides/jaist-sso/cert-invalid/use-cert/cert-imported", snapshot)).toEqual({ action: "pass" });
    expect(decidePublicPath("/ja/guides/jaist-sso/cert-invalid/use-cert/extra", snapshot)).toEqual({
      action: "redirect",
      pathname: "/ja/guides/jaist-sso/cert-invalid/use-cert",
    });
    expect(decidePublicPath("/ja/guides/jaist-sso/constructor", snapshot)).toEqual({ action: "not-found" });
    expect(decidePublicPath("/ja/guides/no-such-guide", snapshot)).toEqual({ action: "not-found" });
    // A guide still a draft for review has no public page.
    expect(decidePublicPath("/ja/guides/wifi", snapshot)).toEqual({ action: "not-found" });
    expect(decidePublicPath("/ja/articles/password-reset", snapshot)).toEqual({ action: "pass" });
    expect(decidePublicPath("/ja/articles/__proto__", snapshot)).toEqual({ action: "not-found" });
    // Not a help content path, or no snapshot loaded yet: the page decides.
    expect(decidePublicPath("/ja/search", snapshot)).toEqual({ action: "pass" });
    expect(decidePublicPath("/ja/articles/nope", undefined)).toEqual({ action: "pass" });
  });
});
