// The app's SLA clock (lib/clock.ts) for the clock specs (project "clock" in playwright.config.ts):
// write an instant, then wait until the server shows it, so that no action runs on the old time.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { formatJstDateTime } from "@/lib/jst";

const file = () => {
  const f = process.env.TEBIKI_TEST_CLOCK_FILE;
  if (!f) throw new Error("TEBIKI_TEST_CLOCK_FILE is not set (playwright.config.ts sets it)");
  return f;
};

/** Sets the clock to a Japan time ("2026-12-09T16:00") and waits until a staff page reads it. */
export async function setClock(staffPage: Page, jst: string) {
  const at = new Date(`${jst}:00+09:00`);
  writeFileSync(file(), at.toISOString());
  // The report prints the instant it was computed at, read from the clock the server has now.
  const shown = formatJstDateTime(at).replace("T", " ").replaceAll("-", "/");
  await expect(async () => {
    await staffPage.goto("/admin/reports/sla");
    await expect(staffPage.getByTestId("report-as-of")).toHaveText(`集計時点 ${shown}`, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

export function resetClock() {
  rmSync(file(), { force: true });
}

/** The offset the server's SLA clock runs at now, in ms (0 when none is set). */
export function clockOffsetMs(): number {
  try {
    const value = readFileSync(file(), "utf8").trim();
    return /^[+-]\d+$/.test(value) ? Number(value) : 0;
  } catch {
    return 0;
  }
}

/** The server's SLA clock now (for an offset; an instant written by another spec is not read here). */
export function serverNow(): Date {
  return new Date(Date.now() + clockOffsetMs());
}

export function setClockOffsetMs(offset: number): void {
  writeFileSync(file(), `${offset >= 0 ? "+" : ""}${Math.round(offset)}`);
}
