// Reads an uploaded screenshot on the server: size, real type by content (lib/image-type.ts), hash.
import { createHash } from "node:crypto";
import { MAX_SCREENSHOT_BYTES, sniffImage, type ImageType } from "@/lib/image-type";

export type Screenshot = { filename: string; contentType: ImageType["mime"]; size: number; sha256: string; data: Uint8Array<ArrayBuffer> };
export type ScreenshotResult = { ok: true; screenshot: Screenshot | null } | { ok: false; reason: "too-large" | "not-an-image" };

/** Only the base name, without control characters or extension: the extension follows the real content. */
export function cleanBaseName(file: Blob, fallback: string): string {
  const raw = "name" in file && typeof file.name === "string" ? file.name : "";
  return raw.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").replace(/\.[^.]*$/, "").slice(0, 100) || fallback;
}

/** Reads an uploaded file: null when none was chosen, else a checked screenshot or the reason it is refused. */
export async function readScreenshot(file: unknown): Promise<ScreenshotResult> {
  if (!(file instanceof Blob) || file.size === 0) return { ok: true, screenshot: null };
  if (file.size > MAX_SCREENSHOT_BYTES) return { ok: false, reason: "too-large" };
  const data = new Uint8Array(await file.arrayBuffer());
  const type = sniffImage(data);
  if (!type) return { ok: false, reason: "not-an-image" };
  const base = cleanBaseName(file, "screenshot");
  return {
    ok: true,
    screenshot: {
      filename: `${base}.${type.ext}`,
      contentType: type.mime,
      size: data.byteLength,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
    },
  };
}
