// The home page's popular guides while the database cannot be reached: a real refused connection
// (nothing listens on port 1), in a test file of its own because the database client is built once
// per process from DATABASE_URL.
import { describe, expect, it } from "vitest";

process.env.DATABASE_URL = "postgresql://tebiki:tebiki@127.0.0.1:1/tebiki";

describe("popular guides without a database", () => {
  it("fall back to catalog order and do not claim a ranking", async () => {
    const { popularGuides } = await import("@/lib/popular-guides");
    const { listCatalog } = await import("@/lib/catalog");
    const catalog = listCatalog("ja");
    expect(await popularGuides(catalog)).toEqual({ guides: catalog.slice(0, 5), ranked: false });
  });
});
