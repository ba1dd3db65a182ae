import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getGuide, getGuideDeclaration, listAllGuideIds } from "@/lib/content";
import type { FieldDeclaration, GuideDeclaration } from "@/lib/guides/declaration";
import { discoverGuides, parseGuideDeclaration } from "@/lib/guides/registry";
import { validateDeclaration } from "@/lib/guides/validate-declaration";

const sso = getGuide("jaist-sso")!;
const clone = (): GuideDeclaration => structuredClone(sso);
const field = (g: GuideDeclaration, key: string) =>
  g.form.fields.find((f): f is FieldDeclaration => "key" in f && f.key === key)!;

describe("validateDeclaration", () => {
  it("finds nothing wrong with the guides in content/", () => {
    for (const id of listAllGuideIds()) expect(validateDeclaration(getGuideDeclaration(id)!), id).toEqual([]);
  });

  it("names the step and choice that set an answer no field declares, or a value that is no option", () => {
    const g = clone();
    g.steps.step2.choices[0].answers = { place: "lab" };
    g.steps.step2.choices[1].answers = { factor: "sms" };
    expect(validateDeclaration(g)).toEqual([
      'step2: choice "on-campus" sets answer "place", which no field pre-fills from',
      'step2: choice "use-otp" sets factor = "sms", which is not an option of field "factor"',
    ]);
  });

  it("names a field pre-filled from an answer no choice sets, or from an answer another field already takes", () => {
    const g = clone();
    field(g, "stopsAt").prefill = { answer: "stopsWhere" };
    field(g, "factor").prefill = { answer: "network" };
    expect(validateDeclaration(g)).toEqual(
      expect.arrayContaining([
        'field "factor": answer "network" already pre-fills field "network"',
        'field "stopsAt": pre-filled from answer "stopsWhere", which no choice sets',
      ]),
    );
  });

  it("names conditions on steps and answers that do not exist", () => {
    const g = clone();
    field(g, "contactFormLogin").askWhen = [{ visited: "step9" }, { answer: "message", in: ["auth-failed", "typo"] }, { answer: "mood", in: ["bad"] }];
    expect(validateDeclaration(g)).toEqual([
      'field "contactFormLogin": askWhen visits "step9", which is not a step',
      'field "contactFormLogin": askWhen expects message = "typo", which no choice sets',
      'field "contactFormLogin": askWhen reads answer "mood", which no choice sets',
    ]);
  });

  it("names duplicate options and keys, and fields whose kind and settings disagree", () => {
    const g = clone();
    field(g, "network").options!.push({ value: "eduroam", label: { ja: "eduroam", en: "eduroam" } });
    g.form.fields.push({ key: "name", kind: "text", label: { ja: "x", en: "x" }, required: "always", maxLength: 5 });
    g.form.fields.push({ key: "notes", kind: "textarea", label: { ja: "x", en: "x" }, required: "always" });
    g.form.fields.push({ key: "pick", kind: "single", label: { ja: "x", en: "x" }, required: "unless-answered-by-path", maxLength: 3 });
    expect(validateDeclaration(g)).toEqual([
      'field "name": declared twice (or the name of a common field)',
      'field "network": option "eduroam" is declared twice',
      'field "notes": free text needs a maxLength',
      'field "pick": a single field needs options',
      'field "pick": maxLength is for text and textarea fields',
      'field "pick": unless-answered-by-path needs a prefill',
    ]);
  });

  it("names a requiredWhen on a field or value that does not exist, and an unknown common field", () => {
    const g = clone();
    field(g, "serviceOther").requiredWhen = { field: "servise", equals: "other" };
    field(g, "messageOther").requiredWhen = { field: "messageShown", equals: "others" };
    expect(validateDeclaration(g)).toEqual([
      'field "serviceOther": requiredWhen names "servise", which is not a field of jaist-sso',
      'field "messageOther": requiredWhen expects messageShown = "others", which is not one of its options',
    ]);
    const h = clone();
    h.form.fields.push({ common: "phone" });
    expect(validateDeclaration(h)).toEqual(['form: "phone" is not a common field (name, username, affiliation, email, failedAt, device, description)']);
  });

  it("still reports the graph's own problems", () => {
    const g = clone();
    g.steps["step2-4"].choices = [];
    expect(validateDeclaration(g)).toContain("step2-4: dead end (no choices and not the contact step)");
  });
});

describe("guide discovery", () => {
  const guidesDir = () => mkdtempSync(path.join(tmpdir(), "tebiki-guides-"));
  const write = (dir: string, folder: string, guide: unknown) => {
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, "guide.json"), JSON.stringify(guide));
  };
  const ssoJson = () => JSON.parse(readFileSync(path.join(process.cwd(), "content/guides/jaist-sso/guide.json"), "utf8"));

  it("finds every folder with a guide.json, drafts included, and skips other folders", () => {
    const dir = guidesDir();
    write(dir, "jaist-sso", ssoJson());
    write(dir, "copy", { ...ssoJson(), id: "copy", ticketPrefix: "CPY", draft: true });
    mkdirSync(path.join(dir, "notes"));
    const found = discoverGuides(dir);
    expect([...found.keys()]).toEqual(["copy", "jaist-sso"]);
    expect(found.get("copy")?.draft).toBe(true);
  });

  it("refuses a guide whose id is not its folder, or whose prefix another guide has, naming the file", () => {
    const moved = guidesDir();
    write(moved, "other-name", ssoJson());
    expect(() => discoverGuides(moved)).toThrow(/other-name\/guide\.json: id "jaist-sso" differs from its folder "other-name"/);
    const twice = guidesDir();
    write(twice, "jaist-sso", ssoJson());
    write(twice, "second", { ...ssoJson(), id: "second" });
    expect(() => discoverGuides(twice)).toThrow(/second\/guide\.json: ticketPrefix "SSO" is already used by jaist-sso/);
  });

  it("refuses an invalid declaration with every problem", () => {
    const broken = { ...ssoJson(), catalog: undefined, ticketPrefix: "GEN" };
    expect(() => parseGuideDeclaration(broken, "x/guide.json")).toThrow(/x\/guide\.json: invalid guide declaration:\n- catalog: /);
    expect(() => parseGuideDeclaration({ ...ssoJson(), ticketPrefix: "GEN" }, "x/guide.json")).toThrow('ticketPrefix "GEN" is the prefix of requests without a guide');
  });
});
