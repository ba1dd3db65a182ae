// Help pages ship no app code beyond the framework runtime plus 10 KB gzip, and no zod (issue 14,
// docs/decisions/0034). What the framework runtime is comes from the build's manifests
// (scripts/bench/page-js.ts). A page's JS is the scripts its HTML loads; the chunks of linked pages
// that the router prefetches later are counted on those pages.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { APP_JS_BUDGET_GZIP_BYTES, frameworkChunks, scriptSources, splitPageJs } from "../scripts/bench/page-js";

const framework = frameworkChunks(path.join(process.cwd(), ".next"));

const PAGES = ["/ja/guides/jaist-sso/auth-failed", "/ja/contact", "/en/contact"];

for (const url of PAGES) {
  test(`${url}: app JS within the framework runtime + 10 KB gzip, no zod`, async ({ request }) => {
    const page = await request.get(url);
    expect(page.status()).toBe(200);
    const scripts = await Promise.all(
      scriptSources(await page.text()).map(async (src) => {
        const response = await request.get(src);
        expect(response.status(), src).toBe(200);
        return { url: src, body: await response.body() };
      }),
    );
    const js = splitPageJs(scripts, framework);
    expect(js.frameworkGzip, "the framework runtime was found among the page's scripts").toBeGreaterThan(50_000);
    expect(js.appGzip, `app scripts: ${JSON.stringify(js.appScripts)}`).toBeLessThanOrEqual(APP_JS_BUDGET_GZIP_BYTES);
    for (const script of scripts) expect(script.body.toString("utf8"), script.url).not.toMatch(/ZodError|\$ZodType/);
  });
}
