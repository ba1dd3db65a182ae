import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/help/article-view";
import { requireEditor } from "@/lib/auth/guards";
import { getArticle, getTopics, liveSnapshot } from "@/lib/content";
import { parseArticleSource } from "@/lib/content/article-source";
import { ArticleDocumentSchema } from "@/lib/content/documents";
import { createSnapshot } from "@/lib/content/snapshot";
import { publishProblems } from "@/lib/content-store/site";
import { getItem, listItems, loadHeadDocuments, loadLiveDocuments } from "@/lib/data/content";
import { articleReferences } from "@/lib/content/link-usage";
import { listContentOwners, listStaleTranslations } from "@/lib/data/content-library";
import type { Locale } from "@/lib/i18n";
import { publishVersionAction } from "../../actions";
import { ActionNotice, ProblemList } from "../../_components/notices";
import { OwnerForm } from "../../_components/owner-form";
import { historyHref } from "../../paths";
import { saveArticleAction, unpublishArticleAction } from "../actions";
import { ArticleForm } from "../_components/article-form";

export const metadata: Metadata = { title: "記事の編集" };

const LOCALE = { ja: "日本語", en: "英語" } as const;

export default async function ArticleEditPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug } = await params;
  await requireEditor(`/admin/content/articles/${encodeURIComponent(slug)}`);
  const notice = await searchParams;
  const item = await getItem("article", slug);
  const head = item?.head ? ArticleDocumentSchema.safeParse(item.head.data) : null;
  if (!item || !item.head || !head?.success) notFound();
  const [topicRows, owners, stale, headDocs] = await Promise.all([
    listItems("topic"),
    listContentOwners(),
    listStaleTranslations({ kind: "article", key: slug }),
    loadHeadDocuments(),
  ]);
  const doc = head.data;
  const ja = parseArticleSource(doc.texts.ja);
  const en = parseArticleSource(doc.texts.en);
  const topicLabels = Object.fromEntries(Object.entries(headDocs.topic).map(([k, t]) => [k, t.label]));
  const topics = topicRows.map((t) => ({ key: t.key, label: topicLabels[t.key]?.ja ?? t.key }));
  const staleEntry = stale[0]?.stale[0] ?? null;
  const staleInfo = staleEntry
    ? { locale: staleEntry.stale, text: `${LOCALE[staleEntry.newer]}が版${staleEntry.changedIn}で変更された後、${LOCALE[staleEntry.stale]}は直されていません。` }
    : null;
  const liveNumber = item.live?.number ?? null;
  const isDraft = item.headNumber !== liveNumber;
  const problems = isDraft ? await publishProblems("article", slug, doc) : [];
  const references = notice.error === "unpublish" ? articleReferences(await loadLiveDocuments(), slug) : undefined;

  // The in-page preview: the draft rendered by the public article component from a snapshot in
  // which this article is the draft (everything else live).
  const live = liveSnapshot();
  let preview: { locale: Locale; view: React.ReactNode }[] = [];
  let previewError: string | null = null;
  try {
    const snapshot = createSnapshot({ ...live.docs, article: { ...live.docs.article, [slug]: doc } }, { source: "preview", lenient: true });
    const topicsNow = getTopics(snapshot);
    preview = await Promise.all(
      (["ja", "en"] as const).map(async (locale) => {
        const article = await getArticle(slug, locale, snapshot);
        if (!article) return { locale, view: <p>(本文がありません)</p> };
        const topic = Object.hasOwn(topicsNow, article.frontmatter.topic) ? topicsNow[article.frontmatter.topic][locale] : undefined;
        return { locale, view: <ArticleView locale={locale} frontmatter={article.frontmatter} Content={article.doc.Content} topic={topic} snapshot={snapshot} /> };
      }),
    );
  } catch {
    previewError = "この下書きは表示できません(公開できない点を直してください)。";
  }

  return (
    <div className="space-y-6">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> / 記事
      </nav>
      <h1 className="break-words text-2xl font-bold">記事: {ja.title || slug}</h1>
      <p className="flex flex-wrap gap-x-4 gap-y-1" data-testid="article-state">
        <span>
          <code className="break-all">{slug}</code>・最新 版{item.headNumber}・{liveNumber ? `公開中 版${liveNumber}` : "未公開(公開ページはありません)"}
          {isDraft && liveNumber ? "・未公開の下書きあり" : ""}
        </span>
        <Link href={historyHref("article", slug)} className="text-brand-700 underline">履歴と比較</Link>
        {liveNumber ? <a href={`/ja/articles/${slug}`} className="text-brand-700 underline">公開ページ</a> : null}
        <a href={`/api/admin/content/preview?to=${encodeURIComponent(`/ja/articles/${slug}`)}`} className="text-brand-700 underline">下書きを実際のURLでプレビュー</a>
      </p>
      <ActionNotice params={notice} references={references} />
      {isDraft ? (
        <section aria-labelledby="publish-heading" className="rounded border border-slate-300 bg-white p-4">
          <h2 id="publish-heading" className="text-lg font-bold">公開</h2>
          {problems.length ? (
            <div className="mt-1" data-testid="publish-problems">
              <p>版{item.headNumber}は、次の点を直すまで公開できません。</p>
              <ProblemList problems={problems} />
            </div>
          ) : (
            <form action={publishVersionAction} className="mt-2 flex flex-wrap items-center gap-3">
              <input type="hidden" name="kind" value="article" />
              <input type="hidden" name="key" value={slug} />
              <input type="hidden" name="number" value={item.headNumber} />
              <input type="hidden" name="returnTo" value={`/admin/content/articles/${slug}`} />
              <p>最新の版{item.headNumber}(下書き)を公開できます。</p>
              <button type="submit" className="inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">版{item.headNumber}を公開</button>
            </form>
          )}
        </section>
      ) : null}

      <ArticleForm
        key={item.headNumber}
        action={saveArticleAction}
        mode="edit"
        topics={topics}
        stale={staleInfo}
        historyHref={historyHref("article", slug)}
        initial={{
          slug,
          titleJa: ja.title,
          titleEn: en.title,
          descriptionJa: ja.description,
          descriptionEn: en.description,
          topic: ja.topic || en.topic,
          bodyJa: ja.body,
          bodyEn: en.body,
          note: "",
          baseNumber: String(item.headNumber),
        }}
      />

      {liveNumber ? (
        <form action={unpublishArticleAction} className="flex flex-wrap items-center gap-3 rounded border border-slate-300 bg-white p-4">
          <input type="hidden" name="key" value={slug} />
          <p className="flex-1">公開を停止すると、公開ページは表示されなくなります(404)。版は残り、あとで公開し直せます。</p>
          <button type="submit" className="inline-flex min-h-11 items-center rounded border border-red-700 px-4 font-semibold text-red-800 hover:bg-red-50">公開を停止</button>
        </form>
      ) : null}

      <section aria-labelledby="owner-heading" className="space-y-2">
        <h2 id="owner-heading" className="text-lg font-bold">担当者と見直し期限</h2>
        <OwnerForm kind="article" itemKey={slug} ownerId={item.ownerId} reviewBy={item.reviewBy} owners={owners} returnTo={`/admin/content/articles/${slug}`} />
      </section>

      <section aria-labelledby="preview-heading" className="space-y-3">
        <h2 id="preview-heading" className="text-lg font-bold">プレビュー(版{item.headNumber}、公開ページと同じ表示)</h2>
        {previewError ? <p role="alert">{previewError}</p> : null}
        <div className="grid gap-4 lg:grid-cols-2">
          {preview.map((p) => (
            <article key={p.locale} lang={p.locale} aria-label={`プレビュー(${LOCALE[p.locale]})`} className="min-w-0 rounded border border-dashed border-slate-400 bg-white p-4" data-testid={`preview-${p.locale}`}>
              {p.view}
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}
