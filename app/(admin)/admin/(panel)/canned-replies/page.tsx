import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, secondaryButtonClass } from "@/components/admin/format";
import { requireAdmin } from "@/lib/auth/guards";
import { getCannedReply, listCannedReplies } from "@/lib/data/canned-replies";
import { PLACEHOLDER_HELP } from "@/lib/tickets/placeholders";
import { deleteCannedReplyAction, saveCannedReplyAction } from "./actions";
import { CannedReplyForm } from "./_components/canned-reply-form";

export const metadata: Metadata = { title: "定型文" };

const MESSAGES: Record<string, string> = {
  created: "定型文を追加しました。",
  updated: "定型文を更新しました。",
  deleted: "定型文を削除しました。",
  "not-found": "定型文が見つかりません(削除された可能性があります)。",
};

export default async function CannedRepliesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireAdmin("/admin/canned-replies");
  const { error, done, edit } = await searchParams;
  const [replies, editing] = await Promise.all([listCannedReplies(), edit ? getCannedReply(edit) : null]);
  const notice = Object.hasOwn(MESSAGES, error ?? done ?? "") ? MESSAGES[error ?? done ?? ""] : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">定型文</h1>
      <p className="text-slate-700">担当者が返信欄で選ぶと、チケットの言語の本文がプレースホルダーを埋めて挿入されます。</p>
      {notice ? (
        <p role={error ? "alert" : "status"} className={`rounded border p-3 ${error ? "border-red-300 bg-red-50" : "border-emerald-300 bg-emerald-50"}`}>{notice}</p>
      ) : null}
      {edit && !editing ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3">{MESSAGES["not-found"]}</p> : null}
      <CannedReplyForm
        key={editing?.id ?? "new"}
        action={saveCannedReplyAction}
        initial={editing ? { id: editing.id, title: editing.title, bodyJa: editing.bodyJa, bodyEn: editing.bodyEn } : null}
        placeholders={PLACEHOLDER_HELP}
      />
      {editing ? (
        <p>
          <Link href="/admin/canned-replies" className="inline-flex min-h-11 items-center text-brand-700 underline">編集をやめて新しい定型文を追加</Link>
        </p>
      ) : null}
      <section aria-labelledby="canned-list">
        <h2 id="canned-list" className="text-lg font-bold">登録済みの定型文({replies.length})</h2>
        {replies.length ? (
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-300 bg-white">
            {replies.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3 p-3" data-testid="canned-row">
                <div className="min-w-0 flex-1">
                  <p className="break-words font-semibold">{r.title}</p>
                  <p className="line-clamp-2 break-words text-sm text-slate-700" lang="ja">{r.bodyJa}</p>
                  <p className="text-sm text-slate-700">更新 {formatDateTime(r.updatedAt)}</p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <Link href={`/admin/canned-replies?edit=${r.id}`} className={secondaryButtonClass} aria-label={`${r.title}を編集`}>編集</Link>
                  <form action={deleteCannedReplyAction}>
                    <input type="hidden" name="id" value={r.id} />
                    <button type="submit" className={secondaryButtonClass} aria-label={`${r.title}を削除`}>削除</button>
                  </form>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2">まだありません。</p>
        )}
      </section>
    </div>
  );
}
