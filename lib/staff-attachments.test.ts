import { describe, expect, it } from "vitest";
import { sniffAttachment } from "@/lib/image-type";
import { MAX_STAFF_FILE_BYTES, MAX_STAFF_FILES, readStaffFiles, staffFileMessage } from "@/lib/staff-attachments";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

describe("sniffAttachment", () => {
  it("knows PDF by its %PDF- header and images as the screenshot check does", () => {
    expect(sniffAttachment(PDF)).toEqual({ mime: "application/pdf", ext: "pdf" });
    expect(sniffAttachment(PNG)).toEqual({ mime: "image/png", ext: "png" });
    expect(sniffAttachment(new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(sniffAttachment(new TextEncoder().encode(" %PDF-1.7"))).toBeNull();
  });
});

describe("readStaffFiles", () => {
  it("skips the empty entry of an untouched file input", async () => {
    expect(await readStaffFiles([new File([], "")])).toEqual({ ok: true, files: [] });
  });

  it("names files by their content: a PNG renamed .pdf is a .png, a PDF renamed .png is a .pdf", async () => {
    const result = await readStaffFiles([new File([PNG], "scan.pdf", { type: "application/pdf" }), new File([PDF], "手順.png", { type: "image/png" })]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.files.map((f) => [f.filename, f.contentType, f.size])).toEqual([
      ["scan.png", "image/png", PNG.byteLength],
      ["手順.pdf", "application/pdf", PDF.byteLength],
    ]);
    expect(result.files[1].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses an HTML file named .pdf, naming it", async () => {
    const html = new File(["<!doctype html><script>alert(1)</script>"], "invoice.pdf", { type: "application/pdf" });
    const result = await readStaffFiles([new File([PNG], "ok.png"), html]);
    expect(result).toEqual({ ok: false, reason: "not-allowed", filename: "invoice.pdf" });
    if (!result.ok) expect(staffFileMessage(result)).toContain("「invoice.pdf」");
  });

  it("refuses a file over the per-file limit, too many files and too much in total", async () => {
    const big = new Uint8Array(MAX_STAFF_FILE_BYTES + 1);
    big.set(PDF);
    expect(await readStaffFiles([new File([big], "big.pdf")])).toEqual({ ok: false, reason: "too-large", filename: "big.pdf" });

    const many = Array.from({ length: MAX_STAFF_FILES + 1 }, (_, i) => new File([PNG], `${i}.png`));
    expect(await readStaffFiles(many)).toEqual({ ok: false, reason: "too-many" });

    const nearLimit = new Uint8Array(MAX_STAFF_FILE_BYTES);
    nearLimit.set(PDF);
    const three = [1, 2, 3].map((i) => new File([nearLimit], `${i}.pdf`));
    const total = await readStaffFiles(three);
    expect(total).toEqual({ ok: false, reason: "total-too-large" });
    if (!total.ok) expect(staffFileMessage(total)).toContain("本文はそのまま残っています");
  });
});
