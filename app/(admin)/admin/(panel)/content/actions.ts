"use server";
// The library's actions shared by every kind (issue 12): publish a version, restore an old one,
// set the owner and review-by date. Each re-reads the session (requireEditor) and answers through a
// redirect with a notice, so they work without JavaScript.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { setOwner } from "@/lib/content-library/set-owner";
import { publish } from "@/lib/content-store/publish";
import { restore } from "@/lib/content-store/restore";
import { ArticleOwnerSchema } from "@/lib/validation/content-library";
import { historyHref, isLibraryKind, safeReturnTo } from "./paths";
import { refusalOf } from "./problems";

function target(formData: FormData) {
  const kind = formData.get("kind");
  const key = String(formData.get("key") ?? "");
  const number = Number(formData.get("number"));
  if (!isLibraryKind(kind) || !key) redirect("/admin/content?error=not-found");
  return { kind, key, number };
}

function withNotice(path: string, params: Record<string, string>): string {
  const [base, query = ""] = path.split("?");
  const search = new URLSearchParams(query);
  for (const [k, v] of Object.entries(params)) search.set(k, v);
  return `${base}?${search}`;
}

/** Publishes the version named in the form; a refusal comes back as `?error=publish&number=`. */
export async function publishVersionAction(formData: FormData) {
  const user = await requireEditor();
  const { kind, key, number } = target(formData);
  const returnTo = safeReturnTo(formData.get("returnTo"), historyHref(kind, key));
  if (!Number.isSafeInteger(number) || number < 1) redirect(withNotice(returnTo, { error: "no-version" }));
  try {
    await publish({ kind, key, number, actorId: user.id, note: String(formData.get("note") ?? "").slice(0, 500) });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal || refusal.kind !== "problems") throw error;
    // The page recomputes the problems of that version: a URL never carries text to show.
    redirect(withNotice(returnTo, { error: "publish", number: String(number) }));
  }
  revalidatePath("/admin/content", "layout");
  redirect(withNotice(returnTo, { done: "published", number: String(number) }));
}

/** Makes an old version the newest draft (a new version; nothing is rewritten). */
export async function restoreVersionAction(formData: FormData) {
  const user = await requireEditor();
  const { kind, key, number } = target(formData);
  const back = historyHref(kind, key);
  if (!Number.isSafeInteger(number) || number < 1) redirect(withNotice(back, { error: "no-version" }));
  let created: number;
  try {
    created = (await restore({ kind, key, number, actorId: user.id })).number;
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    redirect(withNotice(back, { error: "no-version" }));
  }
  revalidatePath("/admin/content", "layout");
  redirect(withNotice(back, { done: "restored", from: String(number), number: String(created) }));
}

/** The owner and review-by date of any item. */
export async function setOwnerAction(formData: FormData) {
  const user = await requireEditor();
  const { kind, key } = target(formData);
  const returnTo = safeReturnTo(formData.get("returnTo"), historyHref(kind, key));
  const parsed = ArticleOwnerSchema.safeParse({ ownerId: formData.get("ownerId") ?? "", reviewBy: formData.get("reviewBy") ?? "" });
  if (!parsed.success) redirect(withNotice(returnTo, { error: "owner" }));
  try {
    await setOwner({ kind, key, ownerId: parsed.data.ownerId || null, reviewBy: parsed.data.reviewBy || null, actorId: user.id });
  } catch (error) {
    if (!refusalOf(error)) throw error;
    redirect(withNotice(returnTo, { error: "owner" }));
  }
  revalidatePath("/admin/content", "layout");
  redirect(withNotice(returnTo, { done: "owner" }));
}
