// A requester's attachment, for staff only. Sent as a download (or inline for plain images) with
// nosniff, so an uploaded file can never run as a page on our origin.
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { getAttachmentForStaff } from "@/lib/data/ticket-detail";

const INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export const GET = withDatabaseOutage(async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const guard = await guardApi("staff");
  if (guard.response) return guard.response;
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Response.json({ error: "not found" }, { status: 404 });
  const file = await getAttachmentForStaff(guard.user, id);
  if (!file) return Response.json({ error: "not found" }, { status: 404 });
  const inline = INLINE.has(file.contentType);
  const name = encodeURIComponent(file.filename);
  return new Response(new Uint8Array(file.data), {
    headers: {
      "Content-Type": inline ? file.contentType : "application/octet-stream",
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${name}`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
