// The step-view beacon (components/help/view-beacon.tsx): public, counts one view of a real step and
// answers a 1x1 GIF that no cache may keep, so every visit reaches this handler.
import { getGuide } from "@/lib/content";
import { stepOf } from "@/lib/guide-graph";
import { recordStepView } from "@/lib/data/step-views";
import { requestLog } from "@/lib/log";

const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

function image(status: number) {
  return new Response(new Uint8Array(GIF), {
    status,
    headers: { "Content-Type": "image/gif", "Cache-Control": "no-store", "Content-Length": String(GIF.length) },
  });
}

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const guideId = params.get("guide") ?? "";
  const stepId = params.get("step") ?? "";
  const guide = getGuide(guideId);
  if (!guide || !stepOf(guide, stepId)) return image(400);
  try {
    await recordStepView(guideId, stepId);
  } catch (error) {
    // Counting is best effort: a page view must never fail because the database is down.
    (await requestLog()).warn({ err: error instanceof Error ? error.message : String(error) }, "step view not counted");
  }
  return image(200);
}
