// The browser reports that its staff member is typing a reply (docs/decisions/0020-live-updates.md).
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { announceReplying } from "@/lib/live/hub";
import { isCrossOrigin } from "@/lib/request-guard";
import { LivePresenceSchema } from "@/lib/validation/live";

export const POST = withDatabaseOutage(async function POST(request: Request) {
  const guard = await guardApi("staff");
  if (guard.response) return guard.response;
  const noStore = { "Cache-Control": "no-store" };
  if (isCrossOrigin(request.headers)) return Response.json({ error: "forbidden" }, { status: 403, headers: noStore });
  const parsed = LivePresenceSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "invalid" }, { status: 400, headers: noStore });
  await announceReplying(guard.user.id, parsed.data.ticketId);
  return new Response(null, { status: 204, headers: noStore });
});
