// The SLA clock of the e2e server (lib/clock.ts): playwright.config.ts points the server's
// TEBIKI_TEST_CLOCK_FILE at E2E_CLOCK_FILE. A spec writes an offset from the real clock; the server
// reads it again at most every 200 ms. Specs run in parallel share it: move it as little as needed
// and put it back.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

function clockFile(): string {
  const file = process.env.E2E_CLOCK_FILE;
  if (!file) throw new Error("E2E_CLOCK_FILE is not set (playwright.config.ts sets it)");
  return file;
}

/** The offset the server's SLA clock runs at now, in ms (0 when none is set). */
export function clockOffsetMs(): number {
  try {
    const value = readFileSync(clockFile(), "utf8").trim();
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
  mkdirSync(path.dirname(clockFile()), { recursive: true });
  writeFileSync(clockFile(), `${offset >= 0 ? "+" : ""}${Math.round(offset)}`);
}

/** Back to the real clock. */
export function resetClock(): void {
  mkdirSync(path.dirname(clockFile()), { recursive: true });
  writeFileSync(clockFile(), "");
}
