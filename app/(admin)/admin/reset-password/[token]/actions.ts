"use server";
import { setPasswordWithToken, type SetPasswordState } from "@/lib/auth/set-password";
import { resetPassword } from "@/lib/data/staff-tokens";

// No session guard: whoever forgot their password has none. The mailed token is checked (active
// account, unused, unexpired) and used up in resetPassword's transaction.
export async function resetPasswordAction(_prev: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  return setPasswordWithToken("reset", formData, resetPassword);
}
