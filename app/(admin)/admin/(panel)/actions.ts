"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guards";
import { updateServiceStatus } from "@/lib/data/service-status";
import { MESSAGE_SHOWN, NETWORK } from "@/lib/ticket-fields";
import { ServiceStatusSchema } from "@/lib/validation/service-status";
import { z } from "zod";

const HintSchema = z.object({ message: z.enum(MESSAGE_SHOWN.values), network: z.enum(NETWORK.values) });

/** The incident hint's one click: JAIST-SSO degraded, with a prefilled notice, on the help pages. */
export async function publishIncidentNotice(formData: FormData) {
  const user = await requireAdmin();
  const hint = HintSchema.safeParse(Object.fromEntries(formData));
  if (!hint.success) redirect("/admin?notice=invalid");
  const where = NETWORK.label(hint.data.network, "ja");
  const whereEn = NETWORK.label(hint.data.network, "en");
  const input = ServiceStatusSchema.parse({
    state: "degraded",
    messageJa: `${where}からJAIST-SSOにログインできない問い合わせが増えています。現在調査中です。復旧までしばらくお待ちください。`,
    messageEn: `We are receiving many reports that JAIST-SSO login fails from ${whereEn}. We are investigating; please bear with us.`,
    since: new Date(),
    until: null,
  });
  await updateServiceStatus(user, "jaist-sso", input);
  // The help pages are pre-rendered with 30 s revalidation: refresh this instance now.
  revalidatePath("/", "layout");
  redirect("/admin?notice=published");
}
