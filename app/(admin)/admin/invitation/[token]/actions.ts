"use server";
import { setPasswordWithToken, type SetPasswordState } from "@/lib/auth/set-password";
import { acceptInvitation } from "@/lib/data/staff-tokens";

// No session guard: the invitee has no account yet. The mailed token is checked and used up in
// acceptInvitation's transaction.
export async function acceptInvitationAction(_prev: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  return setPasswordWithToken("invitation", formData, acceptInvitation);
}
