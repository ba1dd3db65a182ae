"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guards";
import { setStaffActive, setStaffRole, StaffError } from "@/lib/data/staff";
import { inviteStaff, resendInvitation, revokeInvitation } from "@/lib/data/staff-tokens";
import { ChangeRoleSchema, InvitationIdSchema, InviteStaffSchema, SetActiveSchema } from "@/lib/validation/staff";

export type InviteStaffState = {
  errors?: Record<string, string>;
  values?: { email: string; name: string; role: string };
  invited?: { email: string };
};

export async function inviteStaffAction(_prev: InviteStaffState, formData: FormData): Promise<InviteStaffState> {
  const user = await requireAdmin();
  const values = { email: String(formData.get("email") ?? ""), name: String(formData.get("name") ?? ""), role: String(formData.get("role") ?? "agent") };
  const parsed = InviteStaffSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return { errors, values };
  }
  try {
    await inviteStaff(user, parsed.data);
  } catch (error) {
    if (error instanceof StaffError && error.code === "duplicate") return { errors: { email: "このメールアドレスは登録済みです。" }, values };
    if (error instanceof StaffError && error.code === "pending") return { errors: { email: "このメールアドレスには招待を送信済みです。下の一覧から再送できます。" }, values };
    throw error;
  }
  revalidatePath("/admin/staff");
  return { invited: { email: parsed.data.email } };
}

const fail = (code: string): never => redirect(`/admin/staff?error=${code}`);

export async function changeRoleAction(formData: FormData) {
  const user = await requireAdmin();
  const input = ChangeRoleSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) return fail("invalid");
  try {
    await setStaffRole(user, input.data.id, input.data.role);
  } catch (error) {
    if (error instanceof StaffError) fail(error.code);
    throw error;
  }
  revalidatePath("/admin/staff");
  redirect("/admin/staff?done=role");
}

export async function setActiveAction(formData: FormData) {
  const user = await requireAdmin();
  const input = SetActiveSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) return fail("invalid");
  try {
    await setStaffActive(user, input.data.id, input.data.active);
  } catch (error) {
    if (error instanceof StaffError) fail(error.code);
    throw error;
  }
  revalidatePath("/admin/staff");
  redirect(`/admin/staff?done=${input.data.active ? "activated" : "deactivated"}`);
}

export async function resendInvitationAction(formData: FormData) {
  const user = await requireAdmin();
  const input = InvitationIdSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) return fail("invalid");
  try {
    await resendInvitation(user, input.data.id);
  } catch (error) {
    if (error instanceof StaffError) fail("invitation-gone");
    throw error;
  }
  revalidatePath("/admin/staff");
  redirect("/admin/staff?done=resent");
}

export async function revokeInvitationAction(formData: FormData) {
  const user = await requireAdmin();
  const input = InvitationIdSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) return fail("invalid");
  try {
    await revokeInvitation(user, input.data.id);
  } catch (error) {
    if (error instanceof StaffError) fail("invitation-gone");
    throw error;
  }
  revalidatePath("/admin/staff");
  redirect("/admin/staff?done=revoked");
}
