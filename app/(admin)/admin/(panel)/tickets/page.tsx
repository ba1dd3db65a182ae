import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass, formatDateTime, inputClass, secondaryButtonClass } from "@/components/admin/format";
import { KeyboardShortcuts } from "@/components/admin/keyboard-shortcuts";
import { LiveUpdates } from "@/components/admin/live-updates";
import { SlaDue } from "@/components/admin/sla-badge";
import { endStepOptions, stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { getSlaWarningMinutes } from "@/lib/data/business-calendar";
import { listSavedViews } from "@/lib/data/saved-views";
import { listAssignableStaff } from "@/lib/data/staff";
import { COUNT_CAP, countTicketsByStatus, formatCount, formatEstimate, listTickets } from "@/lib/data/ticket-list";
import { describeSearchMatches, type SearchMatch } from "@/lib/data/ticket-search";
import { MarkedText } from "@/components/help/marked-text";
import { getGuideDeclaration, listAllGuideIds } from "@/lib/content";
import { answerFields } from "@/lib/guides/answers";
import { now as slaNow } from "@/lib/clock";
import { ticketSlaState } from "@/lib/sla-state";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";
import { ANSWER_PARAM_PREFIX, DEFAULT_DIR, filterToParams, STATUS_TABS, TicketFilterSchema, type Sort, type TicketFilter } from "@/lib/validation/triage";
import { SavedViews } from "./_components/saved-views";
import { bulkAction, createViewAction, deleteViewAction, renameViewAction } from "./actions";

export const metadata: Metadata = { title: "チケット" };

const T = {
  title: "チケット",
  tabs: "状態",
  all: "すべて",
  search: "検索",
  searchHint: "受付番号・依頼者・内容・メッセージ・内部メモ",
  // One short line: every line above the table is a ticket fewer in view.
  searchHelp: "3文字以上: メッセージ・内部メモも含めて部分一致 ／ 1〜2文字: 氏名・ユーザ名の語頭(田中、s12) ／ 受付番号: そのチケット",
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
  sorts: { created: "受付日時", activity: "最終更新", reference: "受付番号", requester: "依頼者", status: "状態", priority: "優先度", due: "期限" } satisfies Record<Sort, string>,
  next: "次のページ",
  prev: "前のページ",
  first: "最初のページ",
  mine: "自分の担当",
  total: (n: string) => `${n}件`,
  // Said in words beside the numbers: "約" and "+" alone are easy to read past (decision 0036).
  estimatedNote: "「約」の件数は推定です。この条件ではすべてを数えると時間がかかるため、データベースの統計から見積もっています。",
  cappedNote: `件数は${COUNT_CAP.toLocaleString("en-US")}件まで数えます。「${COUNT_CAP.toLocaleString("en-US")}+」はそれより多いことを示します。`,
  unread: "未読",
  columns: { reference: "受付番号", summary: "内容", requester: "依頼者", guide: "ガイド・終了ステップ", status: "状態", priority: "優先度", assignee: "担当者", created: "経過", activity: "最終更新", due: "期限" },
  viewNotice: (v: string) => (v === "deleted" ? "ビューを削除しました。" : "このビューは削除できません(削除済みか、他の人のビューです)。"),
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
  const [tabCounts, page, staff, views, warningMinutes] = await Promise.all([
    countTicketsByStatus(user, filter),
    listTickets(user, filter),
    listAssignableStaff(),
    listSavedViews(user),
    getSlaWarningMinutes(),
  ]);
  const counts = tabCounts.byStatus;
  const showCount = (n: number) => (tabCounts.estimated ? formatEstimate(n) : formatCount(n));
  const countNote = tabCounts.estimated ? T.estimatedNote : Object.values(counts).some((n) => n > COUNT_CAP) ? T.cappedNote : null;
  const matches = filter.q ? await describeSearchMatches(page.rows.map((r) => r.id), filter.q) : null;
  const href = (overrides: Partial<Record<keyof TicketFilter, string | undefined>>) => {
    const qs = filterToParams(filter, { cursor: undefined, before: undefined, ...overrides }).toString();
    return `/admin/tickets${qs ? `?${qs}` : ""}`;
  };
  const current = href({ cursor: filter.cursor, before: filter.before });
  const exportQs = filterToParams(filter, { cursor: undefined, before: undefined }).toString();
  const bulkNotice = typeof raw.bulk === "string" ? T.bulkNotice(raw.bulk) : null;
  const viewNotice = typeof raw.view === "string" ? T.viewNotice(raw.view) : null;
  const now = new Date();
  // Due times run on the SLA clock (lib/clock.ts), which tests move.
  const dueNow = slaNow();
  // A column header links to its sort; a second click on the sorted column reverses it.
  const sortHeader = (sort: Sort, label: string, className = "") => {
    const active = filter.sort === sort;
    const dir = active ? (filter.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[sort];
    return (
      <th scope="col" aria-sort={active ? (filter.dir === "asc" ? "ascending" : "descending") : undefined} className={className || undefined}>
        <Link href={href({ sort, dir })} className="inline-flex items-center gap-1 text-brand-700 underline">
          {label}
          <span aria-hidden="true">{active ? (filter.dir === "asc" ? "▲" : "▼") : ""}</span>
        </Link>
      </th>
    );
  };
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
        <LiveUpdates renderedAt={new Date().getTime()} me={user.id} />
        <div className="flex flex-wrap items-center gap-2">
          <Link href="/admin/tickets?assignee=me" aria-current={exportQs === "assignee=me" ? "page" : undefined} className={secondaryButtonClass}>
            {T.mine}
          </Link>
          <KeyboardShortcuts scope="list" />
          {user.role === "admin" ? (
            <a href={`/api/admin/tickets.csv${exportQs ? `?${exportQs}` : ""}`} className={secondaryButtonClass}>
              {T.export}
            </a>
          ) : null}
        </div>
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
                  aria-describedby={countNote ? "count-note" : undefined}
                  className={`inline-flex min-h-11 items-center gap-1 rounded-t px-3 md:min-h-9 ${active ? "border border-b-0 border-slate-300 bg-white font-bold" : "text-brand-700 hover:bg-white"}`}
                >
                  {s === "all" ? T.all : TICKET_STATUS.label(s, "ja")}
                  <span className="rounded-full bg-slate-200 px-2 text-sm text-slate-800" data-count-kind={tabCounts.estimated ? "estimated" : "counted"}>{showCount(counts[s])}</span>
                </Link>
              </li>
            );
          })}
        </ul>
        {countNote ? (
          <p id="count-note" className="mt-1 text-xs text-slate-700" data-testid="count-note">{countNote}</p>
        ) : null}
      </nav>

      <div className="mt-3 grid gap-4 xl:grid-cols-[minmax(0,1fr)_14rem]">
      <div className="min-w-0">
      <form method="get" action="/admin/tickets" className="rounded border border-slate-300 bg-white p-2" role="search">
        <input type="hidden" name="status" value={filter.status} />
        <div className="flex flex-wrap items-end gap-2">
          {/* Labels beside their fields from md up: every line above the table is a ticket fewer in view. */}
          <div className="min-w-0 flex-1 basis-48">
            <div className="md:flex md:items-center md:gap-2">
              <label htmlFor="q" className="block shrink-0 font-medium">{T.search}</label>
              <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder={T.searchHint} aria-describedby="q-help" className={`${inputClass} md:mt-0`} />
            </div>
            <p id="q-help" className="mt-0.5 text-xs text-slate-700">{T.searchHelp}</p>
          </div>
          <div className="md:flex md:items-center md:gap-2">
            <label htmlFor="sort" className="block shrink-0 font-medium">{T.sort}</label>
            <select id="sort" name="sort" defaultValue={filter.sort} className={`${inputClass} md:mt-0`}>
              {Object.entries(T.sorts).map(([v, l]) => (
                <option key={v} value={v}>{l}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass}>{T.search}</button>
        </div>
        <details open={hasFilters} className="mt-1">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700 md:min-h-8">{T.filters}</summary>
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

      {bulkNotice || viewNotice ? (
        <p role="status" className="mt-3 rounded border border-slate-300 bg-white p-3">{bulkNotice ?? viewNotice}</p>
      ) : null}

      <form action={bulkAction} className="mt-3">
        <input type="hidden" name="back" value={current} />
        {page.rows.length ? (
          <fieldset className="mb-2 flex flex-wrap items-center gap-2 rounded border border-slate-300 bg-white px-2 py-1">
            <legend className="sr-only">{T.bulk}</legend>
            <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
              <label htmlFor="op" className="shrink-0">{T.bulkOp}</label>
              <select id="op" name="op" className="block min-h-11 min-w-0 flex-1 rounded border border-slate-400 bg-white px-2 md:min-h-9" defaultValue="">
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
            <button type="submit" className={`${buttonClass} md:min-h-9`}>{T.bulkSubmit}</button>
            <span className="text-sm text-slate-700" aria-describedby={countNote ? "count-note" : undefined}>{T.total(showCount(counts[filter.status]))}</span>
          </fieldset>
        ) : null}

        {page.rows.length ? (
          // The rows' and cells' look is one rule in app/globals.css (.ticket-list), not the same
          // classes on 550 cells in both the HTML and the RSC payload (decision 0036, round 2).
          <table className="ticket-list w-full border-collapse rounded border border-slate-300 bg-white text-sm max-md:block" aria-label={T.title}>
            <thead className="max-md:sr-only">
              <tr className="border-b border-slate-300 bg-slate-50 text-left">
                <th scope="col" className="w-8"><span className="sr-only">{T.select}</span></th>
                {sortHeader("reference", T.columns.reference)}
                <th scope="col">{T.columns.summary}</th>
                {sortHeader("requester", T.columns.requester)}
                <th scope="col">{T.columns.guide}</th>
                {sortHeader("status", T.columns.status)}
                {sortHeader("priority", T.columns.priority)}
                {sortHeader("due", T.columns.due)}
                <th scope="col">{T.columns.assignee}</th>
                {sortHeader("created", T.columns.created)}
                {sortHeader("activity", T.columns.activity)}
              </tr>
            </thead>
            <tbody className="max-md:block">
              {page.rows.map((t) => (
                <tr
                  key={t.reference}
                  data-ticket-row
                  data-reference={t.reference}
                  data-unread={t.unread ? "true" : undefined}
                  data-testid="ticket-row"
                >
                  <td className="max-md:order-first">
                    <input type="checkbox" name="ids" value={t.id} aria-label={`${T.select} ${t.reference}`} />
                    {/* The version this row showed: a ticket changed since is skipped (decision 0018). */}
                    <input type="hidden" name={`v.${t.id}`} value={t.version} />
                  </td>
                  <td>
                    {t.unread ? <span data-dot aria-hidden="true" /> : null}
                    <Link href={`/admin/tickets/${t.reference}`}>
                      {t.reference}
                      {t.unread ? <span className="sr-only">{`(${T.unread})`}</span> : null}
                    </Link>
                  </td>
                  <td className="max-w-0 whitespace-normal max-md:order-last max-md:w-full max-md:max-w-full">
                    <SummaryLine summary={t.summary} locale={t.locale} unread={t.unread} match={matches?.get(t.id)} />
                  </td>
                  <td className="max-w-32">
                    <span className="block truncate" title={`${t.name} (${t.username})`}>{t.username}</span>
                  </td>
                  <td className="max-w-40 max-md:hidden">
                    <GuideCell guideId={t.guideId} endStep={t.endStep} />
                  </td>
                  <td>{TICKET_STATUS.label(t.status, "ja")}</td>
                  <td {...(t.priority === "urgent" ? { className: "font-bold text-red-800" } : t.priority === "high" ? { className: "text-orange-900" } : {})}>
                    <span className="md:sr-only">{`${T.priority}: `}</span>{TICKET_PRIORITY.label(t.priority, "ja")}
                  </td>
                  <td data-testid="ticket-due">
                    <span className="md:sr-only">{`${T.columns.due}: `}</span>
                    <SlaDue due={t.slaDueAt} state={ticketSlaState(t, dueNow, warningMinutes)} />
                  </td>
                  <td className="max-w-28">
                    <span className="block truncate">{t.assigneeName ?? <span className="text-slate-700">{T.unassignedShort}</span>}</span>
                  </td>
                  <td>
                    <time dateTime={t.createdAt.toISOString()} title={formatDateTime(t.createdAt)}>{age(t.createdAt, now)}</time>
                  </td>
                  <td className="max-md:hidden">
                    <time dateTime={t.lastActivityAt.toISOString()} title={formatDateTime(t.lastActivityAt)}>{`${age(t.lastActivityAt, now)}前`}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="rounded border border-slate-300 bg-white p-6 text-center">{T.empty}</p>
        )}
      </form>

      <nav aria-label="ページ" className="mt-3 flex flex-wrap gap-2">
        {filter.cursor || filter.before ? <Link href={href({})} className={secondaryButtonClass}>{T.first}</Link> : null}
        {page.prevCursor ? <Link href={href({ before: page.prevCursor })} className={secondaryButtonClass} rel="prev">{T.prev}</Link> : null}
        {page.nextCursor ? <Link href={href({ cursor: page.nextCursor })} className={secondaryButtonClass} rel="next">{T.next}</Link> : null}
      </nav>
      </div>
      <aside aria-label="ビュー" className="min-w-0">
        <SavedViews
          views={views.map((v) => ({ ...v, canEdit: v.mine || (v.shared && user.role === "admin") }))}
          currentQuery={exportQs}
          back={current}
          createAction={createViewAction}
          renameAction={renameViewAction}
          deleteAction={deleteViewAction}
        />
      </aside>
      </div>
    </div>
  );
}

/** The guide and its end step on one line, whole in the title: the cell is narrow. */
function GuideCell({ guideId, endStep }: { guideId: string | null; endStep: string | null }) {
  const text = `${guideTitle(guideId)} ・ ${stepName(guideId, endStep)}`;
  return <span className="block truncate" title={text}>{text}</span>;
}

function guideTitle(guideId: string | null) {
  return guideId ? (getGuideDeclaration(guideId)?.catalog.title.ja ?? guideId) : T.noGuide;
}

/** "5分", "3時間", "2日": how long ago, at a glance; the exact time is in the title. */
function age(from: Date, now: Date) {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes}分`;
  if (minutes < 60 * 24) return `${Math.floor(minutes / 60)}時間`;
  return `${Math.floor(minutes / (60 * 24))}日`;
}

/**
 * The summary on one line, so a search result row is as dense as any: with a search, why the row
 * matched (a label) and, for text beyond the summary, the matching snippet in its place.
 */
function SummaryLine({ summary, locale, unread, match }: { summary: string; locale: string; unread: boolean; match: SearchMatch | undefined }) {
  const weight = unread ? "font-semibold" : "";
  if (!match) return <span className={`block truncate ${weight}`} lang={locale} title={summary}>{summary}</span>;
  return (
    <span className={`block truncate ${weight}`} lang={locale} title={summary} data-search-match={match.field}>
      <span className="mr-1 rounded bg-slate-200 px-1.5 text-xs font-medium">{T.matched[match.field]}</span>
      {match.snippet ? <MarkedText parts={match.snippet} /> : summary}
    </span>
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
