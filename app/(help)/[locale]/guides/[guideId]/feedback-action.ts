"use server";

// "Did this solve it?" (public: no staff guard; no personal data). The vote is keyed by a hashed
// random id in an httpOnly session cookie: one vote per step and browser session, a second vote updates.
import { createHash, randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { clientIp } from "@/lib/client-ip";
import { getGuide } from "@/lib/content";
import { hashFeedbackSession, recordStepFeedback } from "@/lib/data/feedback";
import { env } from "@/lib/env";
import { requestLog } from "@/lib/log";
import { hit } from "@/lib/rate-limit";
import { isHttpsRequest } from "@/lib/request-https";
import { FeedbackSchema } from "@/lib/validation/feedback";

export type FeedbackState = {
  status: "idle" | "thanks" | "ask-comment" | "thanks-comment" | "error";
  error?: "too-long" | "invalid" | "unavailable" | "too-many";
  /** What the user typed, returned with an error so nothing is lost. */
  comment?: string;
};

const COOKIE = "tebiki_feedback_session";
// Dropping the cookie gives a fresh vote; this limit per client keeps that from stuffing the counts.
const LIMIT = [{ limit: 60, seconds: 600 }];

async function sessionHash(): Promise<string> {
  const jar = await cookies();
  let id = jar.get(COOKIE)?.value;
  if (!id || !/^[A-Za-z0-9_-]{20,64}$/.test(id)) {
    id = randomBytes(24).toString("base64url");
    // No maxAge: a session cookie, so "one vote per step" lasts for this browser session only.
    const secure = isHttpsRequest(await headers()) || env().APP_URL.startsWith("https:");
    jar.set(COOKIE, id, { httpOnly: true, sameSite: "lax", path: "/", secure });
  }
  return hashFeedbackSession(id);
}

export async function submitFeedback(_previous: FeedbackState, formData: FormData): Promise<FeedbackState> {
  const raw = {
    guideId: formData.get("guideId"),
    stepId: formData.get("stepId"),
    locale: formData.get("locale"),
    helpful: formData.get("helpful"),
    comment: formData.get("comment") ?? undefined,
  };
  const typed = typeof raw.comment === "string" ? raw.comment : undefined;
  const parsed = FeedbackSchema.safeParse(raw);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((i) => i.path[0] === "comment");
    return { status: "error", error: tooLong ? "too-long" : "invalid", comment: typed };
  }
  const input = parsed.data;
  if (!getGuide(input.guideId)?.steps[input.stepId]) return { status: "error", error: "invalid", comment: typed };

  try {
    // The address is hashed: the feedback feature keeps no personal data, not even in the limiter.
    const client = createHash("sha256").update(await clientIp()).digest("hex").slice(0, 32);
    const allowed = await hit(`feedback:${client}`, LIMIT);
    if (!allowed.ok) return { status: "error", error: "too-many", comment: typed };
    await recordStepFeedback({ ...input, sessionHash: await sessionHash() });
  } catch (error) {
    (await requestLog()).error({ err: error instanceof Error ? error.message : String(error) }, "step feedback not stored");
    return { status: "error", error: "unavailable", comment: typed };
  }
  if (input.helpful) return { status: "thanks" };
  return input.comment ? { status: "thanks-comment" } : { status: "ask-comment" };
}
