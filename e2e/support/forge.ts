// Forged form fields, as an attacker would post them from a page they loaded.
import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Sets the `index`th `selector` field of the page to `value` (and checks it, if a checkbox) in the
 * capture phase of the next submit event, before React reads the form into the action's FormData.
 * A value set before the click does not survive a re-render in between (the previous action's
 * pending state, a router refresh, a live update): React puts a controlled input's rendered value
 * back, and under load a valid form was sent instead of the forged one.
 */
export async function forgeAtSubmit(page: Page, selector: string, value: string, index = 0) {
  await page.evaluate(
    ({ selector, index, value }) => {
      document.addEventListener(
        "submit",
        () => {
          const el = document.querySelectorAll<HTMLInputElement>(selector)[index];
          el.value = value;
          if (el.type === "checkbox") el.checked = true;
        },
        { capture: true, once: true },
      );
    },
    { selector, index, value },
  );
}

/**
 * Clicks `button` and waits for the answer of the server action it posted: the server is done with it.
 * `remounts`: the answer renders the form anew (the contact form is keyed by attempt); waits for that
 * too, so that what is checked next is this answer's form and not the one before it.
 */
export async function submitAction(page: Page, button: Locator, options: { remounts?: boolean } = {}) {
  if (options.remounts) await button.evaluate((b) => (b as HTMLButtonElement).form!.setAttribute("data-before-answer", ""));
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await button.click();
  expect((await answered).status()).toBe(200);
  if (options.remounts) await expect(page.locator("form[data-before-answer]")).toHaveCount(0);
}
