// docs/benchmarks.md holds hand-written sections below the generated one: a rewrite that lost or
// duplicated them would pass unnoticed until someone looked for an old figure.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { END_MARKER, renderSection, replaceSection, START_MARKER, type RunFacts } from "./report";
import type { BenchRow } from "./types";

const facts: RunFacts = {
  cpu: "Test CPU @ 2.0GHz",
  cores: 2,
  memory: "7.8 GiB",
  node: "v20.20.2",
  postgres: "18.1",
  nginx: "nginx/1.22.1",
  wrk: "wrk 4.1.0",
  commit: "abc1234",
  date: "2026-11-26T20:00:00Z",
  command: "npm run bench -- --quick",
  durationMinutes: 12.34,
  loadBefore: "1.00 1.00 1.00",
  loadAfter: "2.00 1.50 1.00",
};

const row = (over: Partial<BenchRow>): BenchRow => ({
  section: "help pages",
  case: "guide step page, wrk -t2 -c64 15 s",
  tebiki: "1,310 req/s, p50 40 ms, p99 120 ms",
  baseline: "nginx, same HTML: 86,641 req/s",
  goal: ">= 1,200 req/s",
  met: true,
  load: "3.10 2.00 1.00",
  ...over,
});

describe("the generated section", () => {
  it("has the machine, commit, command and one table per section with its notes", () => {
    const section = renderSection(facts, [
      row({}),
      row({ section: "admin", case: "search | pipes", tebiki: "p95 120 ms", goal: "< 100 ms", met: false, baseline: "", note: "a lossy bitmap scan" }),
      row({ section: "resources", case: "server RSS", tebiki: "310 MB", goal: "< 400 MB", met: true, baseline: "" }),
    ]);
    expect(section.startsWith(START_MARKER)).toBe(true);
    expect(section.endsWith(END_MARKER)).toBe(true);
    expect(section).toContain("Test CPU @ 2.0GHz, 2 cores");
    expect(section).toContain("PostgreSQL 18.1");
    expect(section).toContain("abc1234");
    expect(section).toContain("`npm run bench -- --quick`");
    expect(section).toContain("Goals met: 2 of 3.");
    expect(section.match(/^\| case \| Tebiki \| baseline, same run \| goal \| met \| load \|$/gm)).toHaveLength(3);
    // A pipe in a cell is escaped, so the row keeps its six columns.
    expect(section).toContain("| search \\| pipes | p95 120 ms | – | < 100 ms | **no** | 3.10 2.00 1.00 |");
    expect(section).toContain("- search \\| pipes: a lossy bitmap scan");
    // Sections in a fixed order, whatever order the rows came in.
    expect(section.indexOf("### Help pages")).toBeLessThan(section.indexOf("### Admin"));
    expect(section.indexOf("### Admin")).toBeLessThan(section.indexOf("### Resources"));
    expect(section).not.toContain("### Intake");
  });

  it("says which suites were not measured", () => {
    expect(renderSection(facts, [], ["web cases failed: boom"])).toContain("**Not measured:** web cases failed: boom");
  });
});

describe("docs/benchmarks.md rewrite", () => {
  const first = renderSection(facts, [row({})]);
  const second = renderSection({ ...facts, commit: "def5678" }, [row({ tebiki: "2,000 req/s" })]);

  it("puts the section under the title the first time and keeps everything else", () => {
    const document = "# Benchmarks\n\nIntro text.\n\n## Dashboard (issue 13)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const once = replaceSection(document, first);
    expect(once.startsWith(`# Benchmarks\n\n${START_MARKER}`)).toBe(true);
    expect(once).toContain(`${END_MARKER}\n\nIntro text.\n\n## Dashboard (issue 13)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`);
  });

  it("replaces only what is between the markers on the next run", () => {
    const document = "# Benchmarks\n\nIntro text.\n\n## Old section\n\nkept\n";
    const twice = replaceSection(replaceSection(document, first), second);
    expect(twice.split(START_MARKER)).toHaveLength(2);
    expect(twice.split(END_MARKER)).toHaveLength(2);
    expect(twice).toContain("def5678");
    expect(twice).toContain("2,000 req/s");
    expect(twice).not.toContain("abc1234");
    expect(twice).not.toContain("1,310 req/s");
    expect(twice.endsWith("## Old section\n\nkept\n")).toBe(true);
    expect(replaceSection(twice, second)).toBe(twice);
  });

  it("keeps the project's real file below the section", () => {
    const real = readFileSync(path.join(process.cwd(), "docs", "benchmarks.md"), "utf8");
    const rewritten = replaceSection(real, first);
    const withoutSection = rewritten.replace(first, "").replace(/\n{3,}/g, "\n\n");
    const realWithout = real.includes(START_MARKER)
      ? real.slice(0, real.indexOf(START_MARKER)) + real.slice(real.indexOf(END_MARKER) + END_MARKER.length)
      : real;
    expect(withoutSection.replace(/\s+/g, " ")).toBe(realWithout.replace(/\s+/g, " "));
  });

  it("refuses a file with one marker only rather than guess", () => {
    expect(() => replaceSection(`# Benchmarks\n\n${START_MARKER}\nhalf\n`, first)).toThrow(/broken/);
  });
});
