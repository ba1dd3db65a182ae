import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE_BOTH, plainString } from "@/lib/validation/text";

export const MIN_PASSWORD_LENGTH = 12;

export const StaffEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "メールアドレスの形式が正しくありません / Enter a valid e-mail address" }));

export const StaffPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `パスワードは${MIN_PASSWORD_LENGTH}文字以上 / At least ${MIN_PASSWORD_LENGTH} characters` })
  .max(200);

export const StaffRoleSchema = z.enum(["agent", "editor", "admin"]);
export type StaffRoleName = z.infer<typeof StaffRoleSchema>;
/** The admin UI's names of the roles (decision 0005): an editor is an agent who may also edit content (issue 12). */
export const STAFF_ROLE_LABELS: Record<StaffRoleName, string> = { agent: "担当者", editor: "編集者", admin: "管理者" };

export const CreateStaffSchema = z.object({
  email: StaffEmailSchema,
  name: plainString(CONTROL_CHARACTER_MESSAGE_BOTH).trim().min(1, { error: "名前を入力してください / Enter a name" }).max(100),
  role: StaffRoleSchema,
  // Empty: the server makes one and shows it once.
  password: z.preprocess((v) => (v === "" ? undefined : v), StaffPasswordSchema.optional()),
});
export type CreateStaffInput = z.infer<typeof CreateStaffSchema>;

export const ChangeRoleSchema = z.object({ id: z.uuid(), role: StaffRoleSchema });
export const SetActiveSchema = z.object({ id: z.uuid(), active: z.enum(["true", "false"]).transform((v) => v === "true") });

export const InviteStaffSchema = CreateStaffSchema.omit({ password: true });
export type InviteStaffInput = z.infer<typeof InviteStaffSchema>;
export const InvitationIdSchema = z.object({ id: z.uuid() });

/** Setting a password from a mailed link: the staff:create rules, typed twice. */
export const SetPasswordSchema = z
  .object({ password: StaffPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "パスワードが一致しません / The passwords do not match" });

export const ForgotPasswordSchema = z.object({ email: StaffEmailSchema });
