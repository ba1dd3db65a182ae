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
});
