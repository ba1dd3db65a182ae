"use server";
import { after } from "next/server";
import { clientIp } from "@/lib/client-ip";
import { requestPasswordReset } from "@/lib/data/staff-tokens";
import { log } from "@/lib/log";
import { ForgotPasswordSchema } from "@/lib/validation/staff";

export type ForgotState = { email?: string; error?: string; sent?: boolean };

// No session guard: the person has lost their password. Abuse is held off by limits per IP and per
// address inside requestPasswordReset; the answer is the same whether or not the account exists.
export async function forgotPasswordAction(_prev: ForgotState, formData: FormData): Promise<ForgotState> {
  const email = String(formData.get("email") ?? "");
  const parsed = ForgotPasswordSchema.safeParse({ email });
  if (!parsed.success) return { email, error: parsed.error.issues[0].message };
  const result = await requestPasswordReset(parsed.data.email, await clientIp(), (work) =>
    // After the answer has left, a failure can only be logged; the person may simply ask again.
    after(() => work().catch((error) => log.error({ err: error instanceof Error ? error.message : String(error) }, "password reset mail not queued"))),
  );
  if (!result.ok) return { email, error: "再設定の依頼が続いたため、しばらく受け付けられません。1時間ほど待ってからお試しください。" };
  return { email, sent: true };
}
