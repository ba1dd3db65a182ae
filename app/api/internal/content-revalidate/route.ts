// POST, from this same process only (lib/content-live/sync.ts, after a publish reloaded the live
// content): marks every pre-rendered help page stale, so the next visit renders the new content.
// revalidatePath needs a request in Next 16, hence a route; the per-process secret keeps anyone else
// from making every page re-render (anyone else gets the same 404 as for an unknown path).
import { timingSafeEqual } from "node:crypto";
import { revalidatePath } from "next/cache";
import { REVALIDATE_HEADER, revalidateSecret } from "@/lib/content-live/sync";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const given = Buffer.from(request.headers.get(REVALIDATE_HEADER) ?? "");
  const secret = Buffer.from(revalidateSecret());
  if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
    return new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  revalidatePath("/", "layout");
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
