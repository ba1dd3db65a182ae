// Public by design: the requester cannot log in; the status token in the path is the credential.
// Serves a file of that ticket only (its screenshots and the files of public replies); unknown or
// expired tokens get the same 404. Images open inline, PDFs download.
import { getAttachmentForToken } from "@/lib/data/attachments";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string; id: string }> }) {
  const { token, id } = await params;
  const file = await getAttachmentForToken(token, id);
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(file.data), {
    headers: {
      // The type comes from the checked content (PNG/JPEG/WebP/PDF), never from the upload.
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": `${file.contentType.startsWith("image/") ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Referrer-Policy": "no-referrer",
    },
  });
}
