"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guards";
import { updateServiceStatus } from "@/lib/data/service-status";
import { getGuide } from "@/lib/content";
import { answerFields, optionLabel } from "@/lib/guides/answers";
import { ServiceStatusSchema } from "@/lib/validation/service-status";
import { z } from "zod";

const HintSchema = z.object({ guide: z.string().max(50), answers: z.string().max(2000) });

/**
 * The incident hint's one click: the guide's primary service degraded, with a notice naming what the
 * tickets have in common (in the guide's own words), on the help pages.
 */
export async function publishIncidentNotice(formData: FormData) {
  const user = await requireAdmin();
  const hint = HintSchema.safeParse(Object.fromEntries(formData));
  const guide = hint.success ? getGuide(hint.data.guide) : null;
  if (!hint.success || !guide) redirect("/admin?notice=invalid");
  let answers: Record<string, unknown> = {};
  try {
    answers = JSON.parse(hint.data.answers) as Record<string, unknown>;
  } catch {
    redirect("/admin?notice=invalid");
  }
  const fields = answerFields(guide).filter((f) => (guide.form.incidentFields ?? []).includes(f.key));
  const what = (l: "ja" | "en") =>
    fields.flatMap((f) => (typeof answers[f.key] === "string" ? [optionLabel(f, answers[f.key] as string, l)] : [])).join(l === "ja" ? "・" : ", ");
  const input = ServiceStatusSchema.parse({
    state: "degraded",
    messageJa: `「${guide.catalog.title.ja}」に関する問い合わせ(${what("ja")})が増えています。現在調査中です。復旧までしばらくお待ちください。`,
    messageEn: `We are receiving many reports about "${guide.catalog.title.en}" (${what("en")}). We are investigating; please bear with us.`,
    since: new Date(),
    until: null,
  });
  await updateServiceStatus(user, guide.primaryService, input);
  // The help pages are pre-rendered with 30 s revalidation: refresh this instance now.
  revalidatePath("/", "layout");
  redirect("/admin?notice=published");
}
