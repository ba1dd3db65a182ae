// GET /api/admin/content/preview/exit?to=/ja/…: leaves the draft preview (clears Next's draft-mode
// cookie) and goes back to the live page. Open to anyone, like signing out: it only removes a cookie
// of the browser that asks, and leads only to a help page of this site.
import { draftMode } from "next/headers";
import { safePreviewPath } from "@/lib/content-live/preview";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  (await draftMode()).disable();
  const to = safePreviewPath(new URL(request.url).searchParams.get("to")) ?? "/ja";
  return new Response(null, { status: 303, headers: { Location: to, "Cache-Control": "no-store" } });
}
