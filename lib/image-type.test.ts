import { describe, expect, it } from "vitest";
import { sniffImage } from "@/lib/image-type";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("sniffImage", () => {
  it("knows PNG, JPEG and WebP by their first bytes", () => {
    expect(sniffImage(bytes([0x89], "PNG\r\n\x1a\n", [0, 0, 0, 13]))?.mime).toBe("image/png");
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"))?.mime).toBe("image/jpeg");
    expect(sniffImage(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "))?.mime).toBe("image/webp");
  });

  it("refuses SVG, HTML, PDF, truncated and renamed files", () => {
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffImage(bytes("<?xml version='1.0'?><svg/>"))).toBeNull();
    expect(sniffImage(bytes("<!doctype html><p>hi"))).toBeNull();
    expect(sniffImage(bytes("%PDF-1.7"))).toBeNull();
    expect(sniffImage(bytes([0x89, 0x50]))).toBeNull();
    expect(sniffImage(bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });
});
