// The history of one content item, the same page for every kind (issue 12, docs/decisions/0027):
// every version with author, time, note and which one is live; the difference between any two
// versions (jsdiff, per exported file); one-click restore as a new version; publish; the audit.
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass, formatDateTime, inputClass, secondaryButtonClass, Time } from "@/components/admin/format";
import { VersionDiff } from "@/components/admin/version-diff";
import { requireEditor } from "@/lib/auth/guards";
import { diffFiles, documentFiles } from "@/lib/content/diff";
import { contentTitle } from "@/lib/content/titles";
import { publishProblems } from "@/lib/content-store/site";
import { getItem, listItemEvents, listVersions } from "@/lib/data/content";
import { getVersionPair, listContentOwners, staffNames } from "@/lib/data/content-library";
import { publishVersionAction, restoreVersionAction } from "../actions";
import { editHref, historyHref, KIND_LABEL, type LibraryKind } from "../paths";
import { ActionNotice } from "./notices";
import { OwnerForm } from "./owner-form";

type SP = Promise<Record<string, string | string[] | undefined>>;

const ACTION: Record<string, string> = { save: "保存", publish: "公開", restore: "復元", import: "取り込み", review: "担当者・期限の変更", unpublish: "公開停止" };

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function publicHref(kind: LibraryKind, key: string): string | null {
  if (kind === "article") return `/ja/articles/${key}`;
  if (kind === "guide") return `/ja/guides/${key}`;
  return null;
}

export async function HistoryPage({ kind, itemKey, searchParams }: { kind: LibraryKind; itemKey: string; searchParams: SP }) {
  await requireEditor(historyHref(kind, itemKey));
  const raw = await searchParams;
  const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, one(v)]));
  const item = await getItem(kind, itemKey);
  if (!item) notFound();
  const [versions, events, owners] = await Promise.all([listVersions(item.id), listItemEvents(item.id), listContentOwners()]);
  const names = await staffNames([...versions.map((v) => v.authorId), ...events.map((e) => e.actorId), item.ownerId]);
  const liveNumber = item.live?.number ?? null;
  const head = item.headNumber;

  // Default comparison: what publishing would change (live → latest), else the last change.
  const asNumber = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);
  let from = asNumber(params.from) ?? (liveNumber && liveNumber !== head ? liveNumber : Math.max(1, head - 1));
  let to = asNumber(params.to) ?? head;
  if (from > to) [from, to] = [to, from];
  const pair = await getVersionPair(item.id, from, to);
  const diff = pair.from && pair.to ? diffFiles(documentFiles(kind, pair.from.data), documentFiles(kind, pair.to.data)) : null;

  let problems;
  const failed = params.error === "publish" ? asNumber(params.number) : null;
  if (failed) {
    const version = versions.find((v) => v.number === failed);
    const data = version ? (await getVersionPair(item.id, failed, failed)).from?.data : undefined;
    if (data !== undefined) problems = await publishProblems(kind, itemKey, data);
  }

  const title = contentTitle(kind, item.head?.data) ?? itemKey;
  const back = historyHref(kind, itemKey);
  const pub = publicHref(kind, itemKey);
  const author = (id: string | null) => (id ? (names.get(id) ?? "(不明)") : "取り込み");

  return (
    <div className="space-y-6">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> / {KIND_LABEL[kind]}
      </nav>
      <h1 className="break-words text-2xl font-bold">履歴: {title}</h1>
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        <span>
          {KIND_LABEL[kind]} <code className="break-all">{itemKey}</code>・最新 版{head}・公開中 {liveNumber ? `版${liveNumber}` : "なし"}
        </span>
        <Link href={editHref(kind, itemKey)} className="text-brand-700 underline">編集画面へ</Link>
        {pub && liveNumber ? <a href={pub} className="text-brand-700 underline">公開ページ</a> : null}
      </p>
      <ActionNotice params={params} problems={problems} />

      <section aria-labelledby="owner-heading" className="space-y-2">
        <h2 id="owner-heading" className="text-lg font-bold">担当者と見直し期限</h2>
        <OwnerForm kind={kind} itemKey={itemKey} ownerId={item.ownerId} reviewBy={item.reviewBy} owners={owners} returnTo={back} />
      </section>

      <section aria-labelledby="versions-heading" className="space-y-2">
        <h2 id="versions-heading" className="text-lg font-bold">版の一覧({versions.length})</h2>
        <ol className="divide-y divide-slate-200 rounded border border-slate-300 bg-white" data-testid="versions">
          {versions.map((v) => (
            <li key={v.number} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-3" data-testid="version" data-number={v.number}>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2">
                  <strong>版{v.number}</strong>
                  {v.number === liveNumber ? <span className="rounded border border-emerald-400 bg-emerald-50 px-2 text-sm text-emerald-950" data-testid="live-marker">公開中</span> : null}
                  {v.number === head && v.number !== liveNumber ? <span className="rounded border border-amber-400 bg-amber-50 px-2 text-sm text-amber-950">最新(未公開)</span> : null}
                  <span className="text-sm text-slate-700"><Time value={v.createdAt} />・{author(v.authorId)}</span>
                </p>
                {v.note ? <p className="break-words text-sm">メモ: {v.note}</p> : null}
                {v.publishedAt ? <p className="text-sm text-slate-700">最後に公開: {formatDateTime(v.publishedAt)}</p> : null}
              </div>
              <div className="flex flex-wrap gap-2">
                {v.number > 1 ? (
                  <Link href={historyHref(kind, itemKey, { from: v.number - 1, to: v.number })} className={secondaryButtonClass} aria-label={`版${v.number}と直前の版の違い`}>
                    直前との違い
                  </Link>
                ) : null}
                {v.number !== head ? (
                  <form action={restoreVersionAction}>
                    <input type="hidden" name="kind" value={kind} />
                    <input type="hidden" name="key" value={itemKey} />
                    <input type="hidden" name="number" value={v.number} />
                    <button type="submit" className={secondaryButtonClass} aria-label={`版${v.number}の内容に戻す(新しい版を作成)`}>この版に戻す</button>
                  </form>
                ) : null}
                {v.number !== liveNumber ? (
                  <form action={publishVersionAction}>
                    <input type="hidden" name="kind" value={kind} />
                    <input type="hidden" name="key" value={itemKey} />
                    <input type="hidden" name="number" value={v.number} />
                    <input type="hidden" name="returnTo" value={back} />
                    <button type="submit" className={v.number === head ? buttonClass : secondaryButtonClass} aria-label={`版${v.number}を公開`}>公開</button>
                  </form>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="diff" className="space-y-3">
        <h2 id="diff" className="text-lg font-bold">版の比較</h2>
        <form method="get" action={back} className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="diff-from" className="block font-medium">比較元(古い版)</label>
            <select id="diff-from" name="from" defaultValue={String(from)} className={inputClass}>
              {versions.map((v) => <option key={v.number} value={v.number}>版{v.number}{v.number === liveNumber ? "(公開中)" : ""}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="diff-to" className="block font-medium">比較先(新しい版)</label>
            <select id="diff-to" name="to" defaultValue={String(to)} className={inputClass}>
              {versions.map((v) => <option key={v.number} value={v.number}>版{v.number}{v.number === liveNumber ? "(公開中)" : ""}</option>)}
            </select>
          </div>
          <button type="submit" className={buttonClass}>違いを表示</button>
        </form>
        <p className="text-sm text-slate-700">
          <span aria-hidden="true">+</span> 追加された行、<span aria-hidden="true">−</span> 削除された行(読み上げでは「追加」「削除」)。ファイルはエクスポートした content/ と同じ構成です。
        </p>
        {diff ? (
          <>
            <p data-testid="diff-range">版{from} → 版{to}</p>
            <VersionDiff files={diff} from={from} to={to} />
          </>
        ) : (
          <p role="alert">指定した版は見つかりません。</p>
        )}
      </section>

      <section aria-labelledby="audit-heading" className="space-y-2">
        <h2 id="audit-heading" className="text-lg font-bold">操作の記録</h2>
        <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white text-sm" data-testid="audit">
          {events.map((e) => (
            <li key={e.id} className="flex flex-wrap gap-x-3 p-2" data-action={e.action}>
              <Time value={e.at} />
              <span className="font-semibold">{ACTION[e.action] ?? e.action}</span>
              {e.version ? <span>版{e.version.number}</span> : null}
              <span>{author(e.actorId)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
