import type { Metadata } from "next";
import Link from "next/link";
import { requireEditor } from "@/lib/auth/guards";
import { contentTitle } from "@/lib/content/titles";
import { ARTICLE_TEXT } from "@/lib/content/translation-state";
import { loadHeadDocuments, listItems } from "@/lib/data/content";
import { listOverdueReviews, listStaleTranslations, staffNames } from "@/lib/data/content-library";
import { editHref, historyHref, KIND_LABEL, type LibraryKind } from "./paths";

export const metadata: Metadata = { title: "コンテンツ" };

const KINDS: { kind: LibraryKind; heading: string; add?: { href: string; label: string } }[] = [
  { kind: "guide", heading: "ガイド" },
  { kind: "article", heading: "記事", add: { href: "/admin/content/articles/new", label: "新しい記事" } },
  { kind: "link", heading: "外部リンク" },
  { kind: "topic", heading: "トピック" },
];

const LOCALE = { ja: "日本語", en: "英語" } as const;

function day(d: Date | null): string {
  return d ? d.toISOString().slice(0, 10) : "—";
}

export default async function ContentIndex() {
  await requireEditor("/admin/content");
  const [items, docs, stale, overdue] = await Promise.all([listItems(), loadHeadDocuments(), listStaleTranslations(), listOverdueReviews()]);
  const names = await staffNames(items.map((i) => i.ownerId));
  const title = (kind: LibraryKind, key: string) => contentTitle(kind, (docs[kind] as Record<string, unknown>)[key]) ?? key;
  const staleName = (kind: "guide" | "article", name: string) => (kind === "article" || name === ARTICLE_TEXT ? "本文" : name === "index" ? "最初のページ" : `ステップ ${name}`);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">コンテンツ</h1>
      <p className="text-slate-700">ヘルプセンターのガイド・記事・外部リンク・トピック。保存すると下書きの版になり、公開した版が公開ページに表示されます。</p>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="stale-heading" className="rounded border border-slate-300 bg-white p-4" data-testid="stale-list">
          <h2 id="stale-heading" className="text-lg font-bold">翻訳が古い({stale.length})</h2>
          <p className="text-sm text-slate-700">片方の言語だけが後から変更されたもの。もう一方の言語も直して保存すると消えます。</p>
          {stale.length ? (
            <ul className="mt-2 space-y-2">
              {stale.map((s) => (
                <li key={`${s.kind}:${s.key}`}>
                  <Link href={editHref(s.kind, s.key)} className="text-brand-700 underline">{KIND_LABEL[s.kind]}「{title(s.kind, s.key)}」</Link>
                  <ul className="ml-4 list-disc pl-4 text-sm">
                    {s.stale.map((t) => (
                      <li key={t.name}>
                        {staleName(s.kind, t.name)}: {LOCALE[t.stale]}が古い({LOCALE[t.newer]}は版{t.changedIn}で変更{t.staleSince === null ? `、${LOCALE[t.stale]}はまだありません` : `、${LOCALE[t.stale]}の最後の変更は版${t.staleSince}`})
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2">ありません。</p>
          )}
        </section>

        <section aria-labelledby="overdue-heading" className="rounded border border-slate-300 bg-white p-4" data-testid="overdue-list">
          <h2 id="overdue-heading" className="text-lg font-bold">見直し期限切れ({overdue.length})</h2>
          <p className="text-sm text-slate-700">見直し期限を過ぎたもの。内容を確認したら、履歴画面で次の期限を設定してください。</p>
          {overdue.length ? (
            <ul className="mt-2 space-y-1">
              {overdue.map((o) => (
                <li key={o.id} className="flex flex-wrap gap-x-2">
                  <Link href={historyHref(o.kind, o.key)} className="text-brand-700 underline">{KIND_LABEL[o.kind]}「{title(o.kind, o.key)}」</Link>
                  <span className="text-sm">期限 {day(o.reviewBy)}・担当 {o.ownerName ?? "未設定"}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2">ありません。</p>
          )}
        </section>
      </div>

      <section aria-labelledby="reports-heading" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="reports-heading" className="text-lg font-bold">利用者の声から見直す</h2>
        <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
          <li><Link href="/admin/reports/feedback" className="inline-flex min-h-11 items-center text-brand-700 underline">「解決しなかった」の声</Link></li>
          <li><Link href="/admin/reports/search" className="inline-flex min-h-11 items-center text-brand-700 underline">結果のなかった検索</Link></li>
        </ul>
      </section>

      {KINDS.map(({ kind, heading, add }) => {
        const rows = items.filter((i) => i.kind === kind);
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`} className="space-y-2" data-testid={`content-${kind}`}>
            <div className="flex flex-wrap items-center gap-3">
              <h2 id={`kind-${kind}`} className="text-lg font-bold">{heading}({rows.length})</h2>
              {add ? <Link href={add.href} className="inline-flex min-h-11 items-center text-brand-700 underline">{add.label}</Link> : null}
              {kind === "link" || kind === "topic" ? <Link href={`/admin/content/${kind}s`} className="inline-flex min-h-11 items-center text-brand-700 underline">まとめて編集</Link> : null}
            </div>
            <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white">
              {rows.map((row) => (
                <li key={row.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3" data-testid="content-row" data-key={row.key}>
                  <div className="min-w-0 flex-1">
                    <Link href={editHref(kind, row.key)} className="break-words font-semibold text-brand-700 underline">{title(kind, row.key)}</Link>
                    <span className="ml-2 break-all text-sm text-slate-700">{row.key}</span>
                  </div>
                  <span className="text-sm">
                    {row.liveNumber === null ? (
                      <span className="rounded border border-slate-400 px-2">未公開</span>
                    ) : row.hasDraft ? (
                      <span className="rounded border border-amber-400 bg-amber-50 px-2 text-amber-950">下書きあり(公開中 版{row.liveNumber} / 最新 版{row.headNumber})</span>
                    ) : (
                      <span className="rounded border border-emerald-400 bg-emerald-50 px-2 text-emerald-950">公開中 版{row.liveNumber}</span>
                    )}
                  </span>
                  <span className="text-sm text-slate-700">担当 {row.ownerId ? (names.get(row.ownerId) ?? "(不明)") : "—"}・期限 {day(row.reviewBy)}</span>
                  <Link href={historyHref(kind, row.key)} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline" aria-label={`${title(kind, row.key)}の履歴`}>履歴</Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
