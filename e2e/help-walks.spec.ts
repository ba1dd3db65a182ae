// Generated from the guide graph: every path from STEP0 to the contact step (through every leaf),
// in Japanese and English, clicking the choices and checking each step's heading and choices.
// The ~30 paths run without JavaScript (plain HTML navigations: fast, and the way the pages must
// work anyway); one path per language runs with JavaScript, through client-side navigation.
// On a leaf the way on is a "not solved" button that stores a vote, so each test is its own client
// for the per-IP feedback limit.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { LOCALES, completeWalks, guideTitle, loadGuide, stepText, stepUrl, type Locale } from "./support/guide";

// The SSO guide by default; the fixture-guide build (scripts/test.ts) also walks the guides that are
// drafts in content/ and published in its copy of it (E2E_WALK_GUIDES), before the help desk does.
const GUIDE_IDS = process.env.E2E_WALK_GUIDES ? process.env.E2E_WALK_GUIDES.split(",") : ["jaist-sso"];

test.beforeEach(async ({ context }) => {
  await context.setExtraHTTPHeaders({ "x-forwarded-for": `198.20.${randomUUID()}` });
});

async function expectStep(page: Page, guideId: string, locale: Locale, stepId: string, first: boolean) {
  const guide = loadGuide(guideId);
  const text = stepText(guideId, locale, stepId);
  if (first) {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(guideTitle(guideId, locale));
    await expect(page.getByRole("heading", { level: 2, name: text.title, exact: true })).toBeVisible();
  } else {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.title);
  }
  const step = guide.steps[stepId];
  const ids = step.choices.map((c) => c.id);
  // A leaf asks "solved?" and its choices are the "not solved" answers; a routing step only asks its question.
  const feedback = page.getByTestId("step-feedback");
  if (step.leaf) {
    await expect(feedback.getByRole("heading", { level: 2 })).toHaveText(locale === "ja" ? "これで解決しましたか?" : "Did this solve your problem?");
    await expect(feedback.locator("[data-choice] > span:first-child")).toHaveText(ids.map((id) => text.choices[id]));
  } else {
    await expect(feedback).toHaveCount(0);
    if (ids.length) {
      const region = page.getByRole("region", { name: text.question, exact: true });
      await expect(region.locator("a[data-choice] > span:first-child")).toHaveText(ids.map((id) => text.choices[id]));
    } else {
      await expect(page.locator("[data-choice]")).toHaveCount(0);
    }
  }
}

async function walkByClicking(page: Page, guideId: string, locale: Locale, walk: ReturnType<typeof completeWalks>[number]) {
  await page.goto(stepUrl(locale, guideId, []));
  for (let i = 0; i < walk.choices.length; i++) {
    await expectStep(page, guideId, locale, walk.steps[i], i === 0);
    await page.locator(`[data-choice="${walk.choices[i]}"]`).click();
    await expect(page).toHaveURL(stepUrl(locale, guideId, walk.choices.slice(0, i + 1)));
  }
  await expectStep(page, guideId, locale, walk.steps.at(-1)!, false);
}

for (const guideId of GUIDE_IDS) {
  const guide = loadGuide(guideId);

  test.describe(guideId, () => {
    test.describe("with JavaScript", () => {
      const longest = completeWalks(guide).reduce((a, b) => (b.choices.length > a.choices.length ? b : a));
      for (const locale of LOCALES) {
        test(`${locale}: the longest path by client-side navigation, and back`, async ({ page }) => {
          await walkByClicking(page, guideId, locale, longest);
          await page.goBack();
          await expectStep(page, guideId, locale, longest.steps.at(-2)!, false);
        });
      }
    });

    test.describe("every path", () => {
      test.use({ javaScriptEnabled: false });
      for (const locale of LOCALES) {
        for (const walk of completeWalks(guide)) {
          const labels = walk.steps.map((s) => guide.steps[s].label);
          test(`${locale}: ${labels.join(" › ")} (${walk.choices.join(",")})`, async ({ page }) => {
            await walkByClicking(page, guideId, locale, walk);
            // The trail shows the whole path by step titles, the current step marked.
            const titles = walk.steps.map((s) => stepText(guideId, locale, s).title);
            const trail = page.getByRole("navigation", { name: locale === "ja" ? "これまでの手順" : "Your path so far" });
            await expect(trail.getByRole("listitem")).toHaveText(titles.map((title, i) => (i < titles.length - 1 ? `${title}›` : title)));
            await expect(trail.locator('[aria-current="step"]')).toHaveText(titles.at(-1)!);
            // The contact step hands the walk to the contact form.
            const contact = page.locator(`main a[href^="/${locale}/contact?"]`);
            await expect(contact).toHaveAttribute("href", `/${locale}/contact?guide=${guideId}&walk=${walk.choices.join(",")}`);
          });
        }
      }
    });
  });
}
