import type { Metadata } from "next";
import Link from "next/link";
import { requireEditor } from "@/lib/auth/guards";
import { LinkDocumentSchema } from "@/lib/content/documents";
import { linkUsage } from "@/lib/content/link-usage";
import { getStepTitle } from "@/lib/content";
import { contentTitle } from "@/lib/content/titles";
import { listItems, getItem, loadHeadDocuments } from "@/lib/data/content";
import { ActionNotice } from "../_components/notices";
import { historyHref } from "../paths";
import { saveLinkAction } from "./actions";
import { LinkForm } from "./_components/link-form";

export const metadata: Metadata = { title: "外部リンク" };

const LOCALE = { ja: "日本語", en: "英語" } as const;

export default async function LinksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireEditor("/admin/content/links");
  const params = await searchParams;
  const [rows, docs] = await Promise.all([listItems("link"), loadHeadDocuments()]);
  const usage = linkUsage(docs);
  const details = await Promise.all(rows.map((row) => getItem("link", row.key)));
  const links = rows
    .map((row, i) => ({ row, head: details[i]?.head ? LinkDocumentSchema.safeParse(details[i]!.head!.data) : null }))
    .filter((l) => l.head?.success)
    .map((l) => ({ row: l.row, doc: l.head!.data! }))
    .sort((a, b) => a.doc.position - b.doc.position || a.row.key.localeCompare(b.row.key));

  return (
    <div className="space-y-6">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> / 外部リンク
      </nav>
      <h1 className="text-2xl font-bold">外部リンク</h1>
      <p className="text-slate-700">ガイドと記事の &lt;ExternalLink id=&quot;…&quot;&gt; が指す先です。URLが空のリンクは、公開ページでは表示名だけの文字になります。</p>
      <ActionNotice params={params} />
      <ul className="space-y-4">
        {links.map(({ row, doc }) => {
          const uses = usage.get(row.key) ?? [];
          return (
            <li key={row.key} id={`link-${row.key}`} className="rounded border border-slate-300 bg-white p-4" data-testid="link-item" data-key={row.key}>
              <h2 className="flex flex-wrap items-center gap-2 text-lg font-bold">
                <span className="break-words">{doc.label.ja}</span>
                <code className="break-all text-sm font-normal">{row.key}</code>
                {doc.url ? null : <span className="rounded border border-red-300 bg-red-50 px-2 text-sm font-normal text-red-900">URL未設定</span>}
                {row.liveNumber === null ? (
                  <span className="rounded border border-slate-400 px-2 text-sm font-normal">未公開</span>
                ) : row.hasDraft ? (
                  <span className="rounded border border-amber-400 bg-amber-50 px-2 text-sm font-normal text-amber-950">下書きあり</span>
                ) : null}
              </h2>
              <LinkForm
                action={saveLinkAction}
                historyHref={historyHref("link", row.key)}
                initial={{ key: row.key, labelJa: doc.label.ja, labelEn: doc.label.en, url: doc.url ?? "", note: "", baseNumber: String(row.headNumber) }}
              />
              <details className="mt-3">
                <summary className="inline-flex min-h-11 cursor-pointer items-center">使用箇所({uses.length})</summary>
                {uses.length ? (
                  <ul className="ml-4 list-disc pl-4 text-sm" data-testid="link-uses">
                    {uses.map((u, i) => (
                      <li key={i}>
                        {u.kind === "guide" ? (
                          <Link className="text-brand-700 underline" href={u.name === "index" ? `/admin/content/guides/${u.key}` : `/admin/content/guides/${u.key}/steps/${u.name}`}>
                            ガイド「{contentTitle("guide", docs.guide[u.key]) ?? u.key}」{u.name === "index" ? "最初のページ" : `ステップ ${getStepTitle(u.key, u.name, "ja") ?? u.name}`}
                          </Link>
                        ) : (
                          <Link className="text-brand-700 underline" href={`/admin/content/articles/${u.key}`}>記事「{contentTitle("article", docs.article[u.key]) ?? u.key}」</Link>
                        )}
                        ({LOCALE[u.locale]})
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm">どのガイドや記事からも使われていません。</p>
                )}
              </details>
              <p className="mt-2 text-sm">
                <Link href={historyHref("link", row.key)} className="inline-flex min-h-11 items-center text-brand-700 underline">履歴</Link>
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
