"use server";
import { redirect } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { publishGuideDraft } from "@/lib/guide-editor/save";

export type PublishState = { error?: string; changes?: string[]; problems?: { where: string; message: string }[] };

export async function publishGuideAction(_prev: PublishState, formData: FormData): Promise<PublishState> {
  const user = await requireEditor();
  const guideId = String(formData.get("guideId") ?? "");
  const version = String(formData.get("version") ?? "");
  if (!/^\d{1,9}$/.test(version)) return { error: "公開する版がわかりません。ページを読み込み直してください。" };
  const result = await publishGuideDraft(user, guideId, Number(version));
  if (result.ok) redirect(`/admin/content/guides/${encodeURIComponent(guideId)}?done=published`);
  if (result.reason === "conflict") {
    return { error: `この画面を開いた後に第${result.head}版が保存されました。影響を確かめ直してから公開してください。`, changes: result.changes };
  }
  if (result.reason === "invalid") return { error: "公開できない問題があります。", problems: result.problems };
  return { error: "このガイドは見つかりません。" };
}
