"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guards";
import { createStaffUser, setStaffActive, setStaffRole, StaffError } from "@/lib/data/staff";
import { ChangeRoleSchema, CreateStaffSchema, SetActiveSchema } from "@/lib/validation/staff";

export type CreateStaffState = {
  errors?: Record<string, string>;
  values?: { email: string; name: string; role: string };
  created?: { email: string; password: string | null };
};

export async function createStaffAction(_prev: CreateStaffState, formData: FormData): Promise<CreateStaffState> {
  await requireAdmin();
  const values = { email: String(formData.get("email") ?? ""), name: String(formData.get("name") ?? ""), role: String(formData.get("role") ?? "agent") };
  const parsed = CreateStaffSchema.safeParse({ ...values, password: String(formData.get("password") ?? "") });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return { errors, values };
  }
  try {
    const created = await createStaffUser(parsed.data);
    revalidatePath("/admin/staff");
    // A generated password is shown this once; a typed one is never echoed back.
    return { created: { email: parsed.data.email, password: created.generated ? created.password : null } };
  } catch (error) {
    if (error instanceof StaffError && error.code === "duplicate") return { errors: { email: "このメールアドレスは登録済みです。" }, values };
    throw error;
  }
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
