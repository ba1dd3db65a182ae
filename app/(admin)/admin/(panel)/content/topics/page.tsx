import type { Metadata } from "next";
import Link from "next/link";
import { requireEditor } from "@/lib/auth/guards";
import { TopicDocumentSchema } from "@/lib/content/documents";
import { getItem, listItems } from "@/lib/data/content";
import { ActionNotice } from "../_components/notices";
import { historyHref } from "../paths";
import { saveTopicAction } from "./actions";
import { TopicForm } from "./_components/topic-form";

export const metadata: Metadata = { title: "トピック" };

export default async function TopicsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireEditor("/admin/content/topics");
  const params = await searchParams;
  const rows = await listItems("topic");
  const details = await Promise.all(rows.map((row) => getItem("topic", row.key)));
  const topics = rows
    .map((row, i) => ({ row, head: details[i]?.head ? TopicDocumentSchema.safeParse(details[i]!.head!.data) : null }))
    .filter((t) => t.head?.success)
    .map((t) => ({ row: t.row, doc: t.head!.data! }))
    .sort((a, b) => a.doc.position - b.doc.position || a.row.key.localeCompare(b.row.key));
  return (
    <div className="space-y-6">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> / トピック
      </nav>
      <h1 className="text-2xl font-bold">トピック</h1>
      <p className="text-slate-700">ヘルプセンターのトップで記事をまとめる見出しです。順番の小さいものから表示されます。</p>
      <ActionNotice params={params} />
      <ol className="space-y-4">
        {topics.map(({ row, doc }) => (
          <li key={row.key} id={`topic-${row.key}`} className="rounded border border-slate-300 bg-white p-4" data-testid="topic-item" data-key={row.key}>
            <h2 className="flex flex-wrap items-center gap-2 text-lg font-bold">
              <span className="break-words">{doc.label.ja}</span>
              <code className="break-all text-sm font-normal">{row.key}</code>
              {row.hasDraft ? <span className="rounded border border-amber-400 bg-amber-50 px-2 text-sm font-normal text-amber-950">下書きあり</span> : null}
            </h2>
            <TopicForm
              action={saveTopicAction}
              historyHref={historyHref("topic", row.key)}
              initial={{ key: row.key, labelJa: doc.label.ja, labelEn: doc.label.en, position: String(doc.position), baseNumber: String(row.headNumber) }}
            />
            <p className="mt-2 text-sm">
              <Link href={historyHref("topic", row.key)} className="inline-flex min-h-11 items-center text-brand-700 underline">履歴</Link>
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
