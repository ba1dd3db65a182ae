import type { Metadata } from "next";
import Link from "next/link";
import { requireEditor } from "@/lib/auth/guards";
import { listItems, loadHeadDocuments } from "@/lib/data/content";
import { saveArticleAction } from "../actions";
import { ArticleForm } from "../_components/article-form";

export const metadata: Metadata = { title: "新しい記事" };

export default async function NewArticlePage() {
  await requireEditor("/admin/content/articles/new");
  const [topicRows, docs] = await Promise.all([listItems("topic"), loadHeadDocuments()]);
  const topics = topicRows.map((t) => ({ key: t.key, label: docs.topic[t.key]?.label.ja ?? t.key }));
  return (
    <div className="space-y-6">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> / 新しい記事
      </nav>
      <h1 className="text-2xl font-bold">新しい記事</h1>
      <p className="text-slate-700">保存すると下書きになります。公開するまで公開ページはありません。</p>
      <ArticleForm
        action={saveArticleAction}
        mode="new"
        topics={topics}
        stale={null}
        historyHref={null}
        initial={{ slug: "", titleJa: "", titleEn: "", descriptionJa: "", descriptionEn: "", topic: "", bodyJa: "", bodyEn: "", note: "", baseNumber: "0" }}
      />
    </div>
  );
}
