import { describe, expect, it } from "vitest";
import { MAX_SCREENSHOT_BYTES } from "@/lib/image-type";
import { readScreenshot } from "@/lib/screenshot";

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("readScreenshot", () => {
  it("treats no file or an empty file as no screenshot", async () => {
    expect(await readScreenshot(null)).toEqual({ ok: true, screenshot: null });
    expect(await readScreenshot(new File([], ""))).toEqual({ ok: true, screenshot: null });
  });

  it("names the file after its real type and keeps only a clean base name", async () => {
    const result = await readScreenshot(new File([new Uint8Array(PNG_HEAD)], "..\\dir/エラー\u0007画面.jpeg"));
    expect(result.ok && result.screenshot).toMatchObject({ filename: "エラー画面.png", contentType: "image/png", size: 8 });
    expect(result.ok && result.screenshot?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses files over 5 MB and files that are not PNG, JPEG or WebP", async () => {
    const big = new Uint8Array(MAX_SCREENSHOT_BYTES + 1);
    big.set(PNG_HEAD);
    expect(await readScreenshot(new File([big], "big.png"))).toEqual({ ok: false, reason: "too-large" });
    expect(await readScreenshot(new File(["<svg/>"], "x.png", { type: "image/png" }))).toEqual({ ok: false, reason: "not-an-image" });
  });
});
