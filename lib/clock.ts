// The time service levels are computed on (issue 13, decision 0028). In production it is the system
// clock. Tests that need a due time to pass without waiting hours point TEBIKI_TEST_CLOCK_FILE at a
// file holding either an ISO instant ("2026-12-04T08:00:00Z": the clock stands there) or a signed
// offset in milliseconds ("+3600000": the system clock an hour ahead). A missing or empty file is the
// system clock. The variable is never set in production; setting it is the explicit opt-in, so a
// production build under test (e2e) honours it too.
import { readFileSync } from "node:fs";

// Reading a file on every call would cost a syscall per due time computed; 200 ms is quicker than any
// test can act on a page after moving the clock.
const REREAD_MS = 200;

type Reading = { instant: number } | { offset: number } | null;
let cache: { file: string; readAt: number; reading: Reading } | null = null;

function parse(text: string): Reading {
  const value = text.trim();
  if (!value) return null;
  if (/^[+-]\d+$/.test(value)) return { offset: Number(value) };
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? null : { instant };
}

function read(file: string): Reading {
  try {
    return parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Now, on the clock service levels run on. */
export function now(): Date {
  const file = process.env.TEBIKI_TEST_CLOCK_FILE;
  const real = Date.now();
  if (!file) return new Date(real);
  if (!cache || cache.file !== file || real - cache.readAt >= REREAD_MS) cache = { file, readAt: real, reading: read(file) };
  const { reading } = cache;
  if (!reading) return new Date(real);
  return new Date("instant" in reading ? reading.instant : real + reading.offset);
}

/** Forget the last reading, so that the next now() reads the file again (tests in the same process). */
export function rereadClock(): void {
  cache = null;
}
