import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass, inputClass, PriorityBadge, secondaryButtonClass, StatusBadge, Time } from "@/components/admin/format";
import { endStepOptions, stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { listAssignableStaff } from "@/lib/data/staff";
import { countTicketsByStatus, listTickets } from "@/lib/data/ticket-list";
import { describeSearchMatches, type SearchMatch } from "@/lib/data/ticket-search";
import { MarkedText } from "@/components/help/marked-text";
import { getGuideDeclaration, listAllGuideIds } from "@/lib/content";
import { answerFields } from "@/lib/guides/answers";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";
import { ANSWER_PARAM_PREFIX, filterToParams, STATUS_TABS, TicketFilterSchema, type TicketFilter } from "@/lib/validation/triage";
import { bulkAction } from "./actions";

export const metadata: Metadata = { title: "チケット" };

const T = {
  title: "チケット",
  tabs: "状態",
  all: "すべて",
  search: "検索",
  searchHint: "受付番号・依頼者・内容・メッセージ・内部メモ",
  searchHelp: "3文字以上は部分一致で探します。1〜2文字では依頼者の氏名とユーザ名だけを、語の先頭から探します(姓「田中」、ユーザ名の先頭「s12」など)。受付番号そのもの(SSO-2026-000123)はそのチケットを探します。",
  matched: { reference: "受付番号に一致", requester: "依頼者情報に一致", description: "内容に一致", message: "メッセージに一致", note: "内部メモに一致" },
  filters: "絞り込み",
  apply: "適用",
  reset: "条件をクリア",
  any: "指定なし",
  priority: "優先度",
  assignee: "担当者",
  me: "自分",
  unassigned: "未割り当て",
  anyone: "全員",
  guide: "ガイド",
  noGuide: "ガイドなし(汎用フォーム)",
  endStep: "ガイドの終了ステップ",
  language: "言語",
  from: "受付日(から)",
  to: "受付日(まで)",
  sort: "並び順",
  sorts: { newest: "新しい順", oldest: "古い順", priority: "優先度順", updated: "最終更新順" },
  next: "次のページ",
  first: "最初のページ",
  empty: "条件に合うチケットはありません。",
  select: "選択",
  bulk: "選択したチケットを一括変更",
  bulkOp: "変更内容",
  bulkSubmit: "一括変更",
  assignTo: "担当者を設定",
  setStatus: "状態を変更",
  setPriority: "優先度を変更",
  nobody: "担当者なし",
  export: "CSVでダウンロード",
  unassignedShort: "未割り当て",
  bulkNotice: (v: string) =>
    v === "none-selected"
      ? "チケットが選択されていません。"
      : v === "bad-action"
        ? "変更内容を選んでください。"
        : v === "assignee"
          ? "その担当者は無効です。"
          : v.startsWith("done-")
            ? `${v.split("-")[1]}件を変更しました(対象外 ${v.split("-")[2]}件)。${Number(v.split("-")[3] ?? 0) ? `一覧の表示後に他の人が変更した ${v.split("-")[3]}件は変更していません。一覧を確認してください。` : ""}`
            : "変更できませんでした。",
};

type SP = Promise<Record<string, string | string[] | undefined>>;

export default async function TicketsPage({ searchParams }: { searchParams: SP }) {
  const raw = await searchParams;
  const user = await requireStaff(`/admin/tickets?${new URLSearchParams(raw as Record<string, string>)}`);
  const filter = TicketFilterSchema.parse(raw);
  const [counts, page, staff] = await Promise.all([countTicketsByStatus(user, filter), listTickets(user, filter), listAssignableStaff()]);
  const matches = filter.q ? await describeSearchMatches(page.rows.map((r) => r.id), filter.q) : null;
  const href = (overrides: Partial<Record<keyof TicketFilter, string | undefined>>) => {
    const qs = filterToParams(filter, { cursor: undefined, ...overrides }).toString();
    return `/admin/tickets${qs ? `?${qs}` : ""}`;
  };
  const current = href({ cursor: filter.cursor });
  const exportQs = filterToParams(filter, { cursor: undefined }).toString();
  const bulkNotice = typeof raw.bulk === "string" ? T.bulkNotice(raw.bulk) : null;
  const hasFilters = Boolean(
    filter.priority || filter.assignee !== "anyone" || filter.guide || filter.endStep || Object.keys(filter.answers).length || filter.locale || filter.from || filter.to,
  );
  // The filters on answers are the chosen guide's single-choice questions, from its declaration.
  const guide = filter.guide && filter.guide !== "none" ? getGuideDeclaration(filter.guide) : null;
  const guideOptions: [string, string][] = [
    ...listAllGuideIds().map((id) => [id, getGuideDeclaration(id)!.catalog.title.ja] as [string, string]),
    ["none", T.noGuide],
  ];

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{T.title}</h1>
        {user.role === "admin" ? (
          <a href={`/api/admin/tickets.csv${exportQs ? `?${exportQs}` : ""}`} className={secondaryButtonClass}>
            {T.export}
          </a>
        ) : null}
      </div>

      <nav aria-label={T.tabs} className="mt-4">
        <ul className="flex flex-wrap gap-1 border-b border-slate-300">
          {STATUS_TABS.map((s) => {
            const active = filter.status === s;
            return (
              <li key={s}>
                <Link
                  href={href({ status: s })}
                  aria-current={active ? "page" : undefined}
                  className={`inline-flex min-h-11 items-center gap-1 rounded-t px-3 ${active ? "border border-b-0 border-slate-300 bg-white font-bold" : "text-brand-700 hover:bg-white"}`}
                >
                  {s === "all" ? T.all : TICKET_STATUS.label(s, "ja")}
                  <span className="rounded-full bg-slate-200 px-2 text-sm text-slate-800">{counts[s]}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <form method="get" action="/admin/tickets" className="mt-4 rounded border border-slate-300 bg-white p-3" role="search">
        <input type="hidden" name="status" value={filter.status} />
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="q" className="block font-medium">{T.search}</label>
            <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder={T.searchHint} aria-describedby="q-help" className={inputClass} />
            <p id="q-help" className="mt-1 text-sm text-slate-700">{T.searchHelp}</p>
          </div>
          <div>
            <label htmlFor="sort" className="block font-medium">{T.sort}</label>
            <select id="sort" name="sort" defaultValue={filter.sort} className={inputClass}>
              {Object.entries(T.sorts).map(([v, l]) => (
                <option key={v} value={v}>{l}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass}>{T.search}</button>
        </div>
        <details open={hasFilters} className="mt-3">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700">{T.filters}</summary>
          <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Select id="priority" label={T.priority} value={filter.priority} options={TICKET_PRIORITY.values.map((v) => [v, TICKET_PRIORITY.label(v, "ja")])} />
            <Select
              id="assignee"
              label={T.assignee}
              value={filter.assignee}
              noAny
              options={[["anyone", T.anyone], ["me", T.me], ["unassigned", T.unassigned], ...staff.map((s) => [s.id, s.name] as [string, string])]}
            />
            <Select id="guide" label={T.guide} value={filter.guide} options={guideOptions} />
            {guide ? (
              <>
                <Select id="endStep" label={T.endStep} value={filter.endStep} options={endStepOptions(guide.id).map((s) => [s.id, s.name])} />
                {answerFields(guide)
                  .filter((f) => f.kind === "single")
                  .map((f) => (
                    <Select
                      key={f.key}
                      id={`${ANSWER_PARAM_PREFIX}${f.key}`}
                      label={f.label.ja}
                      value={filter.answers[f.key]}
                      options={(f.options ?? []).map((o) => [o.value, o.label.ja])}
                    />
                  ))}
              </>
            ) : null}
            <Select id="locale" label={T.language} value={filter.locale} options={[["ja", "日本語"], ["en", "English"]]} />
            <div className="grid grid-cols-2 gap-2">
              <div>
                <label htmlFor="from" className="block font-medium">{T.from}</label>
                <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
              </div>
              <div>
                <label htmlFor="to" className="block font-medium">{T.to}</label>
                <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
              </div>
            </div>
          </div>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="submit" className={buttonClass}>{T.apply}</button>
            <Link href={`/admin/tickets${filter.status !== "new" ? `?status=${filter.status}` : ""}`} className={secondaryButtonClass}>
              {T.reset}
            </Link>
          </div>
        </details>
      </form>

      {bulkNotice ? (
        <p role="status" className="mt-4 rounded border border-slate-300 bg-white p-3">{bulkNotice}</p>
      ) : null}

      <form action={bulkAction} className="mt-4">
        <input type="hidden" name="back" value={current} />
        {page.rows.length ? (
          <fieldset className="mb-3 flex flex-wrap items-end gap-2 rounded border border-slate-300 bg-white p-3">
            <legend className="px-1 font-medium">{T.bulk}</legend>
            <div className="min-w-0 flex-1">
              <label htmlFor="op" className="block">{T.bulkOp}</label>
              <select id="op" name="op" className={inputClass} defaultValue="">
                <option value="" disabled>—</option>
                <optgroup label={T.assignTo}>
                  <option value={`assign:${user.id}`}>{T.me}({user.name})</option>
                  <option value="assign:none">{T.nobody}</option>
                  {staff.filter((s) => s.id !== user.id).map((s) => (
                    <option key={s.id} value={`assign:${s.id}`}>{s.name}</option>
                  ))}
                </optgroup>
                <optgroup label={T.setStatus}>
                  {TICKET_STATUS.values.map((v) => (
                    <option key={v} value={`status:${v}`}>{TICKET_STATUS.label(v, "ja")}</option>
                  ))}
                </optgroup>
                <optgroup label={T.setPriority}>
                  {TICKET_PRIORITY.values.map((v) => (
                    <option key={v} value={`priority:${v}`}>{TICKET_PRIORITY.label(v, "ja")}</option>
                  ))}
                </optgroup>
              </select>
            </div>
            <button type="submit" className={buttonClass}>{T.bulkSubmit}</button>
          </fieldset>
        ) : null}

        {page.rows.length ? (
          <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white" aria-label={T.title}>
            {page.rows.map((t) => (
              <li key={t.id} className="flex gap-3 p-3" data-testid="ticket-row">
                <input type="checkbox" name="ids" value={t.id} id={`sel-${t.id}`} className="mt-1 size-6 shrink-0" />
                <input type="hidden" name={`v.${t.id}`} value={t.version} />
                <label htmlFor={`sel-${t.id}`} className="sr-only">{T.select} {t.reference}</label>
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <Link href={`/admin/tickets/${t.reference}`} className="font-mono font-semibold text-brand-700 underline">
                      {t.reference}
                    </Link>
                    <StatusBadge status={t.status} />
                    <PriorityBadge priority={t.priority} />
                    <span className="text-sm text-slate-700"><Time value={t.createdAt} /></span>
                  </div>
                  <p className="mt-1 break-words">
                    <span className="font-medium">{t.name}</span> <span className="text-slate-700">({t.username})</span>
                  </p>
                  <p className="mt-1 line-clamp-2 break-words text-sm text-slate-800" lang={t.locale}>{t.summary}</p>
                  <SearchMatchLine match={matches?.get(t.id)} />
                  <p className="mt-1 text-sm text-slate-700">
                    {t.guideId ? (getGuideDeclaration(t.guideId)?.catalog.title.ja ?? t.guideId) : T.noGuide} ・ {stepName(t.guideId, t.endStep)} ・{" "}
                    {T.assignee}: {t.assigneeName ?? T.unassignedShort}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="rounded border border-slate-300 bg-white p-6 text-center">{T.empty}</p>
        )}
      </form>

      <nav aria-label="ページ" className="mt-4 flex flex-wrap gap-2">
        {filter.cursor ? <Link href={href({})} className={secondaryButtonClass}>{T.first}</Link> : null}
        {page.nextCursor ? <Link href={href({ cursor: page.nextCursor })} className={secondaryButtonClass} rel="next">{T.next}</Link> : null}
      </nav>
    </div>
  );
}

function SearchMatchLine({ match }: { match: SearchMatch | undefined }) {
  if (!match) return null;
  return (
    <p className="mt-1 break-words text-sm text-slate-800" data-search-match={match.field}>
      <span className="mr-1 rounded bg-slate-200 px-1.5 font-medium">{T.matched[match.field]}</span>
      {match.snippet ? <MarkedText parts={match.snippet} /> : null}
    </p>
  );
}

function Select({ id, label, value, options, noAny }: { id: string; label: string; value: string | undefined; options: [string, string][]; noAny?: boolean }) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">{label}</label>
      <select id={id} name={id} defaultValue={value ?? ""} className={inputClass}>
        {noAny ? null : <option value="">{T.any}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </div>
  );
}
