import { describe, expect, it } from "vitest";
import { BOM, csvCell, csvRow } from "@/lib/csv";

describe("csv", () => {
  it("quotes commas, quotes and line breaks and ends rows with CRLF", () => {
    expect(csvRow(["a", "b,c", 'say "hi"', "two\nlines", null, 3])).toBe('a,"b,c","say ""hi""","two\nlines",,3\r\n');
  });
  it("keeps Japanese as is and starts files with a UTF-8 byte-order mark", () => {
    expect(csvCell("認証に失敗しました。")).toBe("認証に失敗しました。");
    expect(Buffer.from(BOM, "utf8")).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell("+81 90")).toBe("'+81 90");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  });
  it("writes dates as ISO and arrays space-separated", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell(["step0", "step1"])).toBe("step0 step1");
  });
  it("writes every row byte for byte as the map-and-join formatter it replaced (decision 0036, round 2)", () => {
    // The formatter before its fast path for empty cells and its loop, kept here as the reference.
    const before = (values: unknown[]) =>
      `${values
        .map((value) => {
          if (value == null) return "";
          let s = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(" ") : String(value);
          if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
          return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(",")}\r\n`;
    const tricky: unknown[] = [
      "", null, undefined, 0, -1, "0", " ", ",", '"', '""', "\r", "\n", "\r\n", "\t", "=1+1", "+", "-", "@", "\tx", "\rx", "a,b", 'a"b',
      "認証,失敗", "'quoted", "=\"x\",y", new Date("2026-11-27T00:00:00.000Z"), [], ["a", "b,c"], ["=x"], false, true, 3.5, "\uFEFF", "emoji 😀,",
    ];
    const rows: unknown[][] = [[], [""], [null], ["", ""], tricky, [...tricky].reverse(), tricky.map((v, i) => (i % 2 ? v : ""))];
    for (const row of rows) expect(csvRow(row), JSON.stringify(row)).toBe(before(row));
    for (const value of tricky) expect(csvRow([value]), JSON.stringify(value)).toBe(before([value]));
  });
});
