import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { now, rereadClock } from "@/lib/clock";

describe("the SLA clock", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "clock-"));
    file = path.join(dir, "clock");
    process.env.TEBIKI_TEST_CLOCK_FILE = file;
    rereadClock();
  });
  afterEach(() => {
    delete process.env.TEBIKI_TEST_CLOCK_FILE;
    rereadClock();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is the system clock while the file is missing or empty", () => {
    const before = Date.now();
    expect(now().getTime()).toBeGreaterThanOrEqual(before);
    writeFileSync(file, "\n");
    rereadClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("stands at an ISO instant, or runs ahead by an offset", () => {
    writeFileSync(file, "2026-12-04T08:00:00Z\n");
    rereadClock();
    expect(now().toISOString()).toBe("2026-12-04T08:00:00.000Z");
    writeFileSync(file, "+7200000");
    rereadClock();
    expect(now().getTime() - Date.now()).toBeGreaterThan(7_199_000);
  });

  it("reads the file at most every 200 ms, then sees a change", async () => {
    writeFileSync(file, "2026-12-04T08:00:00Z");
    rereadClock();
    expect(now().toISOString()).toBe("2026-12-04T08:00:00.000Z");
    writeFileSync(file, "2026-12-05T08:00:00Z");
    expect(now().toISOString()).toBe("2026-12-04T08:00:00.000Z");
    await expect.poll(() => now().toISOString(), { interval: 50, timeout: 2000 }).toBe("2026-12-05T08:00:00.000Z");
  });

  it("ignores the file when the variable is unset", () => {
    writeFileSync(file, "2000-01-01T00:00:00Z");
    delete process.env.TEBIKI_TEST_CLOCK_FILE;
    expect(now().getUTCFullYear()).toBeGreaterThan(2020);
  });
});
