// The view beacon's handler against the real PostgreSQL: only real steps are counted.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/views/route";
import { countStepViews } from "@/lib/data/step-views";

const get = (query: string) => GET(new Request(`http://localhost/api/views?${query}`));

describe("GET /api/views", () => {
  it("stores nothing for step ids that are Object.prototype names", async () => {
    const names = ["constructor", "__proto__", "toString", "hasOwnProperty"];
    const views = async () => {
      const counts = await countStepViews("jaist-sso", new Date(0));
      return names.reduce((sum, name) => sum + (Object.hasOwn(counts, name) ? counts[name] : 0), 0);
    };
    const before = await views();
    for (const step of names) expect((await get(`guide=jaist-sso&step=${step}`)).status, step).toBe(400);
    expect((await get("guide=constructor&step=step0")).status).toBe(400);
    expect(await views()).toBe(before);
  });

  it("counts a real step", async () => {
    const response = await get("guide=jaist-sso&step=step0");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
