// The guides written as drafts for help-desk review (issue 9): Wi-Fi and the forgotten password.
// Every walk of each graph, in Japanese and English, reaches pages that exist and a contact form
// that accepts a request; drafts stay out of the public catalog until the help desk signs them off.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getGuide, getGuideDeclaration, getGuideIntro, getStepContent, getTopics, listAllGuideIds, listGuideIds } from "@/lib/content";
import { allWalks, endStep } from "@/lib/guide-graph";
import { formFields } from "@/lib/guides/form-fields";
import { buildIntakeSchema, prefillFromWalkParam } from "@/lib/guides/intake-schema";
import { validateDeclaration } from "@/lib/guides/validate-declaration";
import { LOCALES } from "@/lib/i18n";
import { fieldErrors } from "@/lib/validation/intake";

const DRAFTS = ["wifi", "password"];
const NOW = new Date("2026-11-25T03:00:00Z");

describe.each(DRAFTS)("draft guide %s", (guideId) => {
  const guide = getGuideDeclaration(guideId)!;

  it("is a sound declaration, marked draft, with a catalog topic that exists", () => {
    expect(guide).not.toBeNull();
    expect(guide.draft).toBe(true);
    expect(validateDeclaration(guide)).toEqual([]);
    expect(Object.keys(getTopics())).toContain(guide.catalog.topic);
  });

  it.each(LOCALES)("walks every path in %s: each step has its page, title and choice labels; every walk ends at the contact step", async (locale) => {
    const intro = await getGuideIntro(guideId, locale);
    expect(intro?.frontmatter.title).toBe(guide.catalog.title[locale]);
    const walks = allWalks(guide);
    expect(walks.length).toBeGreaterThan(3);
    for (const walk of walks) {
      for (const stepId of walk.steps) {
        const content = await getStepContent(guideId, locale, stepId);
        expect(content?.frontmatter.title, `${locale}/${stepId}`).toBeTruthy();
        expect(Object.keys(content!.frontmatter.choices)).toEqual(guide.steps[stepId].choices.map((c) => c.id));
      }
      if (!guide.steps[endStep(walk)].choices.length) expect(endStep(walk)).toBe(guide.contactStep);
    }
  });

  it.each(LOCALES)("files a request through its own form after every walk, in %s", (locale) => {
    for (const walk of allWalks(guide).filter((w) => endStep(w) === guide.contactStep)) {
      const prefill = prefillFromWalkParam(guide, walk.choices.join(","))!;
      const input: Record<string, unknown> = {
        name: "山田 太郎",
        username: "s1234567",
        affiliation: "student",
        email: "taro@example.com",
        failedAt: "2026-11-25T11:30",
        description: "つながりません。",
      };
      // Each of the guide's own questions that must be answered: the first option, or a short text.
      const open = (f: { key: string; required: string }) => f.required === "always" || (f.required === "unless-answered-by-path" && !Object.hasOwn(prefill.values, f.key));
      for (const field of formFields(guide).filter((f) => !f.common && open(f))) {
        input[field.key] = field.options ? field.options[0].value : "I棟 1階";
      }
      const result = buildIntakeSchema(guide, locale, prefill.replayed, { now: () => NOW }).safeParse(input);
      expect(result.success ? {} : fieldErrors(result.error), walk.choices.join(",")).toEqual({});
      for (const [key, value] of Object.entries(prefill.values)) {
        if (!Array.isArray(value)) expect((result.data as Record<string, unknown>)[key], `${key} from the walk`).toBe(value);
      }
    }
  });

  it("stays out of the public catalog and the public lookup", () => {
    expect(listAllGuideIds()).toContain(guideId);
    expect(listGuideIds()).not.toContain(guideId);
    expect(getGuide(guideId)).toBeNull();
  });
});

// The services of the status banner are reference data in a migration: a guide's primaryService must
// be one of them, or the incident notice would point at nothing.
it("every guide's primary service is a service of the status banner, and its topic a topic", () => {
  const sql = readdirSync(path.join(process.cwd(), "prisma/migrations"))
    .map((dir) => path.join(process.cwd(), "prisma/migrations", dir, "migration.sql"))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
  const services = new Set([...sql.matchAll(/INSERT INTO "ServiceStatus"[^;]*;/g)].flatMap((m) => [...m[0].matchAll(/\('([a-z0-9-]+)',/g)].map((v) => v[1])));
  expect(services.size).toBeGreaterThan(0);
  for (const id of listAllGuideIds()) {
    const guide = getGuideDeclaration(id)!;
    expect(services, `${id}: primaryService`).toContain(guide.primaryService);
    expect(Object.keys(getTopics()), `${id}: catalog topic`).toContain(guide.catalog.topic);
  }
});

it("the public list still has the SSO guide, and no lookup reaches Object's prototype", () => {
  expect(listGuideIds()).toEqual(["jaist-sso"]);
  expect(getGuide("__proto__")).toBeNull();
  expect(getGuideDeclaration("constructor")).toBeNull();
});
