"use server";
// Staff actions on a held inbound mail (issue 11, part Q). Each acts only while the mail is still
// held (the use cases settle the row conditionally), so a second staff member is told, not obeyed.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/guards";
import { acceptHeldMail } from "@/lib/tickets/accept-held-mail";
import { discardHeldMail } from "@/lib/tickets/discard-held-mail";
import { HeldMailError } from "@/lib/tickets/held-mail";
import { heldMailToNewRequest } from "@/lib/tickets/held-mail-new-request";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^[A-Za-z]{2,6}-\d{4}-\d{6}$/;

function done(params: Record<string, string>): never {
  revalidatePath("/admin", "layout");
  redirect(`/admin/mail?${new URLSearchParams(params)}`);
}

/** Known refusals go back to the page as a code (and what was typed); anything else is unexpected. */
async function run(id: string, work: () => Promise<Record<string, string>>, typed: Record<string, string> = {}): Promise<never> {
  let params: Record<string, string>;
  try {
    params = await work();
  } catch (error) {
    if (!(error instanceof HeldMailError)) throw error;
    params = { error: error.code, mail: id, ...typed };
  }
  done(params);
}

export async function acceptHeldMailAction(formData: FormData) {
  const user = await requireStaff();
  const id = String(formData.get("id") ?? "");
  const reference = String(formData.get("reference") ?? "").trim().slice(0, 40);
  if (!UUID.test(id)) done({ error: "not-found" });
  if (reference && !REFERENCE.test(reference)) done({ error: "reference", mail: id, reference });
  return run(id, async () => {
    const result = await acceptHeldMail(user, id, { reference: reference || null });
    return { done: result.visibility === "public" ? "accepted" : "accepted-internal", ticket: result.reference };
  }, reference ? { reference } : {});
}

export async function newRequestFromHeldMailAction(formData: FormData) {
  const user = await requireStaff();
  const id = String(formData.get("id") ?? "");
  if (!UUID.test(id)) done({ error: "not-found" });
  return run(id, async () => {
    const result = await heldMailToNewRequest(user, id);
    return { done: "created", ticket: result.reference };
  });
}

export async function discardHeldMailAction(formData: FormData) {
  const user = await requireStaff();
  const id = String(formData.get("id") ?? "");
  if (!UUID.test(id)) done({ error: "not-found" });
  return run(id, async () => {
    await discardHeldMail(user, id);
    return { done: "discarded" };
  });
}
