// The view beacon's handler against the real PostgreSQL: only real steps are counted.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/views/route";
import { countStepViews } from "@/lib/data/step-views";
import { stepsReachedBy } from "@/lib/data/step-visits";
import { hashHelpSession, HELP_SESSION_COOKIE } from "@/lib/help-session";

const get = (query: string, headers: Record<string, string> = {}) => GET(new Request(`http://localhost/api/views?${query}`, { headers }));

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

  it("starts a help-center session (an httpOnly browser-session cookie) and notes that it reached the step", async () => {
    const first = await get("guide=jaist-sso&step=step2-4");
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${HELP_SESSION_COOKIE}=[A-Za-z0-9_-]{32}; Path=/; HttpOnly; SameSite=Lax$`));
    const id = cookie.split(";")[0].split("=")[1];
    const visits = () => stepsReachedBy(hashHelpSession(id));
    expect((await visits()).map((v) => v.stepId)).toEqual(["step2-4"]);

    // The same session on: no new cookie, one row per step and day.
    const again = await get("guide=jaist-sso&step=step2-4", { cookie: `other=1; ${HELP_SESSION_COOKIE}=${id}` });
    expect(again.headers.get("set-cookie")).toBeNull();
    await get("guide=jaist-sso&step=step0", { cookie: `${HELP_SESSION_COOKIE}=${id}` });
    expect((await visits()).map((v) => v.stepId)).toEqual(["step2-4", "step0"]);
    // The table holds only the keyed hash, never the cookie's value.
    expect(await stepsReachedBy(id)).toEqual([]);
  });
});
