// Generated from the guide graph: every path from STEP0 to the contact step (through every leaf),
// in Japanese and English, clicking the choices and checking each step's heading and choices.
// The ~30 paths run without JavaScript (plain HTML navigations: fast, and the way the pages must
// work anyway); one path per language runs with JavaScript, through client-side navigation.
import { expect, test, type Page } from "@playwright/test";
import { LOCALES, completeWalks, guideTitle, loadGuide, stepText, stepUrl, type Locale } from "./support/guide";

const guideId = "jaist-sso";
const guide = loadGuide(guideId);

async function expectStep(page: Page, locale: Locale, stepId: string, first: boolean) {
  const text = stepText(guideId, locale, stepId);
  if (first) {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(guideTitle(guideId, locale));
    await expect(page.getByRole("heading", { level: 2, name: text.title, exact: true })).toBeVisible();
  } else {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.title);
  }
  const ids = guide.steps[stepId].choices.map((c) => c.id);
  if (ids.length) {
    const region = page.getByRole("region", { name: text.question, exact: true });
    await expect(region.locator("a[data-choice] > span:first-child")).toHaveText(ids.map((id) => text.choices[id]));
  } else {
    await expect(page.locator("a[data-choice]")).toHaveCount(0);
  }
}

async function walkByClicking(page: Page, locale: Locale, walk: ReturnType<typeof completeWalks>[number]) {
  await page.goto(stepUrl(locale, guideId, []));
  for (let i = 0; i < walk.choices.length; i++) {
    await expectStep(page, locale, walk.steps[i], i === 0);
    await page.locator(`a[data-choice="${walk.choices[i]}"]`).click();
    await expect(page).toHaveURL(stepUrl(locale, guideId, walk.choices.slice(0, i + 1)));
  }
  await expectStep(page, locale, walk.steps.at(-1)!, false);
}

test.describe("with JavaScript", () => {
  const longest = completeWalks(guide).reduce((a, b) => (b.choices.length > a.choices.length ? b : a));
  for (const locale of LOCALES) {
    test(`${locale}: the longest path by client-side navigation, and back`, async ({ page }) => {
      await walkByClicking(page, locale, longest);
      await page.goBack();
      await expectStep(page, locale, longest.steps.at(-2)!, false);
    });
  }
});

test.describe("every path", () => {
  test.use({ javaScriptEnabled: false });
  for (const locale of LOCALES) {
    for (const walk of completeWalks(guide)) {
      const labels = walk.steps.map((s) => guide.steps[s].label);
      test(`${locale}: ${labels.join(" › ")} (${walk.choices.join(",")})`, async ({ page }) => {
        await walkByClicking(page, locale, walk);
        // The trail shows the whole path, the current step marked.
        const trail = page.getByRole("navigation", { name: locale === "ja" ? "これまでの手順" : "Your path so far" });
        await expect(trail.getByRole("listitem")).toHaveText(labels.map((label) => new RegExp(`^${label}›?$`)));
        await expect(trail.locator('[aria-current="step"]')).toHaveText(labels.at(-1)!);
        // The contact step hands the walk to the contact form.
        const contact = page.locator(`main a[href^="/${locale}/contact?"]`);
        await expect(contact).toHaveAttribute("href", `/${locale}/contact?guide=${guideId}&walk=${walk.choices.join(",")}`);
      });
    }
  }
});
