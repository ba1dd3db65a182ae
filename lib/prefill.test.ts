import { describe, expect, it } from "vitest";
import { getGuide } from "@/lib/content";
import { changedFields, prefillFromWalk } from "@/lib/prefill";

const guide = getGuide("jaist-sso")!;

describe("prefillFromWalk", () => {
  it("turns the certificate walk into the path and pre-selected answers", () => {
    const p = prefillFromWalk(guide, "cert-invalid,use-cert,cert-imported,cert-still-failing");
    expect(p).toMatchObject({
      guideId: "jaist-sso",
      ticketPrefix: "SSO",
      path: ["step0", "step2", "step2-3", "step2-3-1", "step3"],
      walk: ["cert-invalid", "use-cert", "cert-imported", "cert-still-failing"],
      endStep: "step2-3-1",
      answers: { message: "cert-invalid-no-otp", stopsAt: "after-password", factor: "certificate", certificateImported: "yes" },
      values: {
        messageShown: "cert-invalid-no-otp",
        factor: "certificate",
        stopsAt: "after-password",
        network: undefined,
        contactFormLogin: undefined,
        tried: ["step0", "step2", "step2-3", "step2-3-1"],
      },
    });
  });

  it("lets a later choice override an earlier answer", () => {
    const p = prefillFromWalk(guide, "cert-invalid,on-campus,newcomer,factor-still-failing");
    expect(p?.values.network).toBe("newcomer");
    expect(p?.endStep).toBe("step2-4");
  });

  it("pre-fills the contact-form login from STEP1", () => {
    const p = prefillFromWalk(guide, "auth-failed,form-login-worked-cert,cert-user-still-failing");
    expect(p?.values).toMatchObject({ contactFormLogin: "worked", factor: "certificate", network: "off-campus", messageShown: "auth-failed" });
  });

  it.each([
    ["", "empty"],
    ["cert-invalid,use-cert,nope", "unknown choice"],
    ["use-cert,cert-imported,cert-still-failing", "does not start at the start step"],
    ["cert-invalid,use-cert", "does not end at the contact step"],
    ["cert-invalid,,use-cert,cert-imported,cert-still-failing,cert-still-failing", "goes past the contact step"],
  ])("drops an invalid walk (%s: %s)", (walk) => {
    expect(prefillFromWalk(guide, walk)).toBeNull();
  });
});

describe("changedFields", () => {
  const prefill = { messageShown: "cert-invalid-no-otp", factor: "certificate", tried: ["step0", "step2"] };

  it("names only the pre-filled fields the user changed", () => {
    expect(
      changedFields(prefill, {
        messageShown: "cert-invalid-no-otp",
        factor: "otp",
        network: "off-campus",
        stopsAt: "after-password",
        contactFormLogin: "not-tried",
        tried: ["step2", "step0"],
      }),
    ).toEqual(["factor"]);
  });

  it("counts an unchecked or added tried item as a change", () => {
    const base = { messageShown: "cert-invalid-no-otp", factor: "certificate", network: undefined, stopsAt: undefined, contactFormLogin: undefined };
    expect(changedFields(prefill, { ...base, tried: ["step0"] })).toEqual(["tried"]);
    expect(changedFields(prefill, { ...base, tried: ["step0", "step2", "private-window"] })).toEqual(["tried"]);
  });
});
