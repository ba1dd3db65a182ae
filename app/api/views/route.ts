// The step-view beacon (components/help/view-beacon.tsx): public, counts one view of a real step and
// answers a 1x1 GIF that no cache may keep, so every visit reaches this handler. It also starts the
// help-center session when there is none and notes that the session reached the step (decision 0031):
// the pages are pre-rendered, so this is where a visit meets its visitor's cookie.
import { getGuide } from "@/lib/content";
import { stepOf } from "@/lib/guide-graph";
import { recordStepView } from "@/lib/data/step-views";
import { recordStepVisit } from "@/lib/data/step-visits";
import { startHelpSession } from "@/lib/help-session";
import { requestLog } from "@/lib/log";

const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

function image(status: number, setCookie?: string | null) {
  const headers = new Headers({ "Content-Type": "image/gif", "Cache-Control": "no-store", "Content-Length": String(GIF.length) });
  if (setCookie) headers.set("Set-Cookie", setCookie);
  return new Response(new Uint8Array(GIF), { status, headers });
}

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const guideId = params.get("guide") ?? "";
  const stepId = params.get("step") ?? "";
  const guide = getGuide(guideId);
  if (!guide || !stepOf(guide, stepId)) return image(400);
  const session = startHelpSession(request.headers);
  try {
    await Promise.all([recordStepView(guideId, stepId), recordStepVisit(session.hash, guideId, stepId)]);
  } catch (error) {
    // Counting is best effort: a page view must never fail because the database is down.
    (await requestLog()).warn({ err: error instanceof Error ? error.message : String(error) }, "step view not counted");
  }
  return image(200, session.setCookie);
}
