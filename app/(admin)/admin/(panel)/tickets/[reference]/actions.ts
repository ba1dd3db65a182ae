"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/guards";
import { changeAssignee, changePriority, changeStatus } from "@/lib/tickets/change-properties";
import { TicketError } from "@/lib/tickets/errors";
import { addNote } from "@/lib/tickets/note";
import { addReply } from "@/lib/tickets/reply";
import { readStaffFiles, staffFileMessage } from "@/lib/staff-attachments";
import { kickMailer } from "@/lib/mail/sender";
import { AssigneeChangeSchema, NoteSchema, PriorityChangeSchema, ReplySchema, StatusChangeSchema } from "@/lib/validation/triage";

const REFERENCE = /^[A-Z]{2,6}-\d{4}-\d{6}$/;
const detailUrl = (formData: FormData) => {
  const ref = String(formData.get("reference") ?? "");
  return REFERENCE.test(ref) ? `/admin/tickets/${ref}` : "/admin/tickets";
};

const ERRORS: Record<string, string> = {
  "not-found": "チケットが見つかりません。",
  transition: "この状態には変更できません。画面を更新してから、もう一度お試しください。",
  assignee: "その担当者は選べません(無効なアカウントです)。",
  invalid: "入力内容を確認してください。",
};

async function run(formData: FormData, change: () => Promise<unknown>) {
  const url = detailUrl(formData);
  try {
    await change();
  } catch (error) {
    if (error instanceof TicketError) redirect(`${url}?error=${error.code}`);
    throw error;
  }
  revalidatePath(url);
  redirect(url);
}

export async function statusAction(formData: FormData) {
  const user = await requireStaff();
  const input = StatusChangeSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) redirect(`${detailUrl(formData)}?error=invalid`);
  await run(formData, () => changeStatus(user, input.data.ticketId, input.data.status));
}

export async function priorityAction(formData: FormData) {
  const user = await requireStaff();
  const input = PriorityChangeSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) redirect(`${detailUrl(formData)}?error=invalid`);
  await run(formData, () => changePriority(user, input.data.ticketId, input.data.priority));
}

export async function assigneeAction(formData: FormData) {
  const user = await requireStaff();
  const input = AssigneeChangeSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) redirect(`${detailUrl(formData)}?error=invalid`);
  await run(formData, () => changeAssignee(user, input.data.ticketId, input.data.assigneeId));
}

export type MessageFormState = { ok?: boolean; error?: string; body?: string; then?: string };

export async function noteAction(_prev: MessageFormState, formData: FormData): Promise<MessageFormState> {
  const user = await requireStaff();
  const input = NoteSchema.safeParse(Object.fromEntries(formData));
  const body = String(formData.get("body") ?? "");
  if (!input.success) return { error: input.error.issues[0]?.message ?? ERRORS.invalid, body };
  const files = await readStaffFiles(formData.getAll("files"));
  if (!files.ok) return { error: staffFileMessage(files), body };
  try {
    await addNote(user, input.data.ticketId, input.data.body, files.files);
  } catch (error) {
    if (error instanceof TicketError) return { error: ERRORS[error.code], body };
    throw error;
  }
  revalidatePath(detailUrl(formData));
  return { ok: true };
}

export async function replyAction(_prev: MessageFormState, formData: FormData): Promise<MessageFormState> {
  const user = await requireStaff();
  const input = ReplySchema.safeParse(Object.fromEntries(formData));
  const body = String(formData.get("body") ?? "");
  const then = String(formData.get("then") ?? "");
  if (!input.success) return { error: input.error.issues[0]?.message ?? ERRORS.invalid, body, then };
  const files = await readStaffFiles(formData.getAll("files"));
  if (!files.ok) return { error: staffFileMessage(files), body, then };
  try {
    await addReply(user, input.data.ticketId, input.data.body, input.data.then, files.files);
  } catch (error) {
    if (error instanceof TicketError) return { error: ERRORS[error.code], body, then };
    throw error;
  }
  kickMailer();
  revalidatePath(detailUrl(formData));
  return { ok: true };
}
