// The stored bytes of an inbound mail, for staff looking into a parsing problem (issue 11, part Q).
// Always a download, never rendered: the mail is someone else's HTML and headers.
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { getInboundRawForStaff } from "@/lib/data/inbound-mail";

export const GET = withDatabaseOutage(async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const guard = await guardApi("staff");
  if (guard.response) return guard.response;
  const { id } = await params;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return Response.json({ error: "not found" }, { status: 404 });
  const mail = await getInboundRawForStaff(id);
  if (!mail) return Response.json({ error: "not found" }, { status: 404 });
  return new Response(new Uint8Array(mail.raw), {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": `attachment; filename="inbound-${id}.eml"`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
