"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/guards";
import { changeProperties } from "@/lib/tickets/change-properties";
import { describeChange } from "@/lib/tickets/describe-change";
import { TICKET_ERROR_MESSAGES, TicketError } from "@/lib/tickets/errors";
import { mergeTicket } from "@/lib/tickets/merge";
import { addNote } from "@/lib/tickets/note";
import { addReply } from "@/lib/tickets/reply";
import { readStaffFiles, staffFileMessage } from "@/lib/staff-attachments";
import { MergeSchema, NoteSchema, PropertiesSchema, ReplySchema, TICKET_REFERENCE } from "@/lib/validation/triage";

const detailUrl = (formData: FormData) => {
  const ref = String(formData.get("reference") ?? "");
  return TICKET_REFERENCE.test(ref) ? `/admin/tickets/${ref}` : "/admin/tickets";
};
const text = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
};

/**
 * A refusal as the form shows it. A stale form also gets the page refreshed (the new state beside
 * the explanation), while what the agent typed or chose comes back in the state.
 */
function refusal(error: TicketError, url: string) {
  if (error.code === "conflict") revalidatePath(url);
  return { error: TICKET_ERROR_MESSAGES[error.code], changes: error.changes.map(describeChange), conflict: error.code === "conflict" };
}

export type PropertiesValues = { status: string; priority: string; assigneeId: string };
export type PropertiesFormState = { ok?: string; error?: string; changes?: string[]; conflict?: boolean; values?: PropertiesValues };

const FIELD_NAMES = { status: "状態", priority: "優先度", assignee: "担当者" } as const;

/**
 * The one properties form (status, priority, assignee) and its "assign to me" button. With
 * JavaScript the answer is this state; without it (no "js" field) a success redirects to the page
 * with a notice, so a reload never posts again.
 */
export async function propertiesAction(_prev: PropertiesFormState, formData: FormData): Promise<PropertiesFormState> {
  const user = await requireStaff();
  const url = detailUrl(formData);
  const values: PropertiesValues = { status: text(formData, "status"), priority: text(formData, "priority"), assigneeId: text(formData, "assigneeId") };
  const input = PropertiesSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) return { error: TICKET_ERROR_MESSAGES.invalid, values };
  const { ticketId, version, status, priority, intent } = input.data;
  const assigneeId = intent === "assign-me" ? user.id : input.data.assigneeId;
  if (intent === "assign-me") values.assigneeId = user.id;
  let result;
  try {
    result = await changeProperties(user, ticketId, { status, priority, assigneeId }, version);
  } catch (error) {
    if (error instanceof TicketError) return { ...refusal(error, url), values };
    throw error;
  }
  revalidatePath(url);
  if (formData.get("js") !== "1") redirect(`${url}?notice=${result.changed.length ? "saved" : "unchanged"}`);
  return {
    ok: result.changed.length ? `保存しました(${result.changed.map((c) => FIELD_NAMES[c]).join("・")})。` : "変更はありませんでした。",
  };
}

export type MessageFormState = { ok?: boolean; error?: string; changes?: string[]; conflict?: boolean; body?: string; then?: string };

export async function noteAction(_prev: MessageFormState, formData: FormData): Promise<MessageFormState> {
  const user = await requireStaff();
  const input = NoteSchema.safeParse(Object.fromEntries(formData));
  const body = text(formData, "body");
  if (!input.success) return { error: input.error.issues[0]?.message ?? TICKET_ERROR_MESSAGES.invalid, body };
  const files = await readStaffFiles(formData.getAll("files"));
  if (!files.ok) return { error: staffFileMessage(files), body };
  try {
    await addNote(user, input.data.ticketId, input.data.body, { files: files.files, baseVersion: input.data.version });
  } catch (error) {
    if (error instanceof TicketError) return { ...refusal(error, detailUrl(formData)), body };
    throw error;
  }
  revalidatePath(detailUrl(formData));
  return { ok: true };
}

export async function replyAction(_prev: MessageFormState, formData: FormData): Promise<MessageFormState> {
  const user = await requireStaff();
  const input = ReplySchema.safeParse(Object.fromEntries(formData));
  const body = text(formData, "body");
  const then = text(formData, "then");
  if (!input.success) return { error: input.error.issues[0]?.message ?? TICKET_ERROR_MESSAGES.invalid, body, then };
  const files = await readStaffFiles(formData.getAll("files"));
  if (!files.ok) return { error: staffFileMessage(files), body, then };
  try {
    await addReply(user, input.data.ticketId, input.data.body, input.data.then, { files: files.files, baseVersion: input.data.version });
  } catch (error) {
    if (error instanceof TicketError) return { ...refusal(error, detailUrl(formData)), body, then };
    throw error;
  }
  revalidatePath(detailUrl(formData));
  return { ok: true };
}

export type MergeFormState = { error?: string; changes?: string[]; conflict?: boolean; target?: string };

/** Merges this ticket into the one named; then the survivor's page, where the work goes on. */
export async function mergeAction(_prev: MergeFormState, formData: FormData): Promise<MergeFormState> {
  const user = await requireStaff();
  const target = text(formData, "target");
  const input = MergeSchema.safeParse(Object.fromEntries(formData));
  if (!input.success) return { error: input.error.issues[0]?.message ?? TICKET_ERROR_MESSAGES.invalid, target };
  let merged;
  try {
    merged = await mergeTicket(user, input.data.ticketId, input.data.target, input.data.version);
  } catch (error) {
    if (error instanceof TicketError) return { ...refusal(error, detailUrl(formData)), target };
    throw error;
  }
  revalidatePath(`/admin/tickets/${merged.source}`);
  revalidatePath(`/admin/tickets/${merged.target}`);
  redirect(`/admin/tickets/${merged.target}?notice=merged&from=${merged.source}`);
}
