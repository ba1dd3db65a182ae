// Screenshots are accepted by their content, never by name or declared type (issue 4): PNG, JPEG and
// WebP only. SVG is refused because it is a document that can carry script.

export type ImageType = { mime: "image/png" | "image/jpeg" | "image/webp"; ext: "png" | "jpg" | "webp" };

export const MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024;

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** The image type the bytes really are, or null for anything else (SVG, PDF, HTML, ...). */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: "image/png", ext: "png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: "image/jpeg", ext: "jpg" };
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { mime: "image/webp", ext: "webp" };
  }
  return null;
}


// Staff attachments on replies and notes (issue 10 part D): the same images, and PDF by its header.
export type AttachmentType = ImageType | { mime: "application/pdf"; ext: "pdf" };

/** "%PDF-": the header every PDF starts with (readers also accept it a little later; we do not). */
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

/** An image as sniffImage reads it, or a PDF, by content; null for anything else. */
export function sniffAttachment(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, PDF)) return { mime: "application/pdf", ext: "pdf" };
  return sniffImage(bytes);
}
