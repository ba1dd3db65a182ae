// GET /api/admin/content/preview?to=/ja/guides/… (editors and admins): turns on Next's draft mode for
// this browser and opens the public page, which then renders the drafts (lib/content-live/preview.ts)
// under a "プレビュー(下書き)" bar. The page checks the session again on every request.
import { draftMode } from "next/headers";
import { guardApi } from "@/lib/auth/guards";
import { safePreviewPath } from "@/lib/content-live/preview";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { response } = await guardApi("editor");
  if (response) return response;
  const to = safePreviewPath(new URL(request.url).searchParams.get("to"));
  if (!to) {
    return Response.json(
      { error: "to には /ja または /en で始まるヘルプセンターのパスを指定してください" },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  (await draftMode()).enable();
  return new Response(null, { status: 303, headers: { Location: to, "Cache-Control": "no-store" } });
}
