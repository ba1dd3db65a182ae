// The shared half of the two mailed-link actions (invitation, password reset): check the typed
// passwords, use the token, hand the address to the login page. Public by nature: the token is the
// credential, checked inside the data layer in the same transaction that uses it.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { LOGIN_EMAIL_COOKIE, loginEmailCookieOptions } from "@/lib/auth/login-email";
import { TOKEN_PROBLEM_MESSAGES } from "@/lib/auth/token-messages";
import type { UseResult } from "@/lib/data/staff-tokens";
import { SetPasswordSchema } from "@/lib/validation/staff";

export type SetPasswordState = { errors?: { password?: string; confirm?: string; form?: string } };

export async function setPasswordWithToken(
  kind: "invitation" | "reset",
  formData: FormData,
  spendToken: (token: string, password: string) => Promise<UseResult>,
): Promise<SetPasswordState> {
  const token = String(formData.get("token") ?? "");
  const parsed = SetPasswordSchema.safeParse({ password: String(formData.get("password") ?? ""), confirm: String(formData.get("confirm") ?? "") });
  if (!parsed.success) {
    const errors: SetPasswordState["errors"] = {};
    for (const i of parsed.error.issues) {
      const key = i.path[0] === "confirm" ? "confirm" : "password";
      errors[key] ??= i.message;
    }
    return { errors };
  }
  const result = await spendToken(token, parsed.data.password);
  if (!result.ok) return { errors: { form: TOKEN_PROBLEM_MESSAGES[kind][result.problem] } };
  (await cookies()).set(LOGIN_EMAIL_COOKIE, result.email, loginEmailCookieOptions(await headers()));
  redirect(`/admin/login?notice=${kind === "invitation" ? "password-set" : "password-reset"}`);
}
