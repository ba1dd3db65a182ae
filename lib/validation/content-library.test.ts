import { describe, expect, it } from "vitest";
import { ArticleOwnerSchema, LinkFormSchema, OutsideUrlSchema } from "@/lib/validation/content-library";

describe("content library forms", () => {
  it("takes http(s) and mailto addresses and an empty one (no address yet)", () => {
    for (const url of ["https://www.jaist.ac.jp/", "http://example.org/a?b=c", "mailto:helpdesk@example.edu", ""]) {
      expect(OutsideUrlSchema.safeParse(url).success, url).toBe(true);
    }
  });

  it("refuses other schemes and non-addresses with one clear message", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/", "www.jaist.ac.jp", "mailto:nobody", "https://"]) {
      const result = OutsideUrlSchema.safeParse(url);
      expect(result.success, url).toBe(false);
      expect(result.error?.issues[0].message).toContain("http://");
    }
  });

  it("refuses a label with a line break and keeps the base version a number", () => {
    const result = LinkFormSchema.safeParse({ labelJa: "a\nb", labelEn: "A", url: "", note: "", baseNumber: "3" });
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(["labelJa"]);
    expect(LinkFormSchema.parse({ labelJa: "a", labelEn: "A", url: " https://x.org ", note: "", baseNumber: "3" })).toMatchObject({ url: "https://x.org", baseNumber: 3 });
  });

  it("takes an empty owner and date, refuses an impossible date", () => {
    expect(ArticleOwnerSchema.safeParse({ ownerId: "", reviewBy: "" }).success).toBe(true);
    expect(ArticleOwnerSchema.safeParse({ ownerId: "", reviewBy: "2027-02-30" }).success).toBe(false);
  });
});
