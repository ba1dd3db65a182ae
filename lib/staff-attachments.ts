// Files staff attach to a reply or a note (issue 10 part D): images and PDF, accepted by their content
// like the requester's screenshots (lib/screenshot.ts), several per message within a total limit.
import { createHash } from "node:crypto";
import { sniffAttachment, type AttachmentType } from "@/lib/image-type";
import { cleanBaseName } from "@/lib/screenshot";

export const MAX_STAFF_FILE_BYTES = 5 * 1024 * 1024;
// Below the 16 MB action body limit (docs/decisions/0009), with room for the typed text.
export const MAX_STAFF_TOTAL_BYTES = 10 * 1024 * 1024;
export const MAX_STAFF_FILES = 5;

export type StaffFile = { filename: string; contentType: AttachmentType["mime"]; size: number; sha256: string; data: Uint8Array<ArrayBuffer> };
export type StaffFileRefusal = { reason: "too-large" | "not-allowed" | "too-many" | "total-too-large"; filename?: string };
export type StaffFilesResult = { ok: true; files: StaffFile[] } | ({ ok: false } & StaffFileRefusal);

const rawName = (file: Blob) => ("name" in file && typeof file.name === "string" ? file.name : "").slice(0, 200);

/** Reads the chosen files (the empty entry a browser sends when none is chosen is skipped). */
export async function readStaffFiles(entries: unknown[]): Promise<StaffFilesResult> {
  const blobs = entries.filter((e): e is Blob => e instanceof Blob && e.size > 0);
  if (blobs.length > MAX_STAFF_FILES) return { ok: false, reason: "too-many" };
  const oversized = blobs.find((b) => b.size > MAX_STAFF_FILE_BYTES);
  if (oversized) return { ok: false, reason: "too-large", filename: rawName(oversized) };
  if (blobs.reduce((sum, b) => sum + b.size, 0) > MAX_STAFF_TOTAL_BYTES) return { ok: false, reason: "total-too-large" };
  const files: StaffFile[] = [];
  for (const blob of blobs) {
    const data = new Uint8Array(await blob.arrayBuffer());
    const type = sniffAttachment(data);
    if (!type) return { ok: false, reason: "not-allowed", filename: rawName(blob) };
    files.push({
      filename: `${cleanBaseName(blob, "attachment")}.${type.ext}`,
      contentType: type.mime,
      size: data.byteLength,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
    });
  }
  return { ok: true, files };
}

const MB = (n: number) => `${n / 1024 / 1024} MB`;

/** The staff form's message for a refusal (Japanese: the admin, docs/decisions/0005). */
export function staffFileMessage(refusal: StaffFileRefusal): string {
  const name = refusal.filename ? `「${refusal.filename}」: ` : "";
  const again = "本文はそのまま残っています。ファイルを選び直してください。";
  switch (refusal.reason) {
    case "too-large":
      return `${name}1ファイル ${MB(MAX_STAFF_FILE_BYTES)} までです。${again}`;
    case "total-too-large":
      return `添付は合計 ${MB(MAX_STAFF_TOTAL_BYTES)} までです。${again}`;
    case "too-many":
      return `添付は ${MAX_STAFF_FILES} ファイルまでです。${again}`;
    case "not-allowed":
      return `${name}画像(PNG・JPEG・WebP)か PDF だけを添付できます(中身で判定します)。${again}`;
  }
}
