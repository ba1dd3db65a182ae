import type { Metadata } from "next";
import Link from "next/link";
import { Time } from "@/components/admin/format";
import { requireStaff } from "@/lib/auth/guards";
import { countInboundMailByState, listInboundMailForStaff, STAFF_MAIL_PAGE_SIZE, ticketsForInboundMail, type StaffMailState } from "@/lib/data/inbound-mail";
import { sameRequester } from "@/lib/data/ticket-merge";
import { parseInbound } from "@/lib/mail/inbound/parse";
import { maskSecrets } from "@/lib/secrets";
import { HELD_MAIL_ERROR_MESSAGES, type HeldMailErrorCode } from "@/lib/tickets/held-mail";
import { acceptHeldMailAction, discardHeldMailAction, newRequestFromHeldMailAction } from "./actions";

export const metadata: Metadata = { title: "受信メール" };

const TABS: { state: StaffMailState; label: string }[] = [
  { state: "held", label: "保留中" },
  { state: "ignored", label: "無視したメール" },
  { state: "failed", label: "処理に失敗したメール" },
];

const REASONS: Record<string, string> = {
  "unverified-sender": "送信者が依頼者と一致しません",
  flood: "短時間に大量のメール",
  "no-sender": "送信者なし",
  "ticket-gone": "チケットが見つかりません",
  "auto-submitted": "自動送信のメール",
  "auto-reply": "自動応答(不在通知など)",
  bulk: "一斉送信のメール",
  list: "メーリングリストのメール",
  bounce: "配送エラーの通知",
  "null-sender": "差出人のない自動メール",
  loop: "ヘルプデスク自身のメール(ループ)",
  "discarded-by-staff": "スタッフが破棄",
  "processing-error": "処理中のエラー",
};

const DONE: Record<string, (ticket: string) => string> = {
  accepted: (t) => `メールをチケット ${t} に追加しました。`,
  "accepted-internal": (t) => `メールをチケット ${t} に内部メモとして追加しました(送信者が依頼者ではないため)。`,
  created: (t) => `新しい問い合わせ ${t} を作成しました。`,
  discarded: () => "メールを破棄しました。",
};

const ERRORS: Record<HeldMailErrorCode | "reference", string> = {
  ...HELD_MAIL_ERROR_MESSAGES,
  reference: "受付番号の形式が正しくありません(例: GEN-2026-000123)。",
};

const PREVIEW_CHARS = 600;
const button = "inline-flex min-h-11 items-center rounded border px-3 text-sm";

type Shown = Awaited<ReturnType<typeof show>>;

/** Parsed for display only, this page's rows; a mail the parser cannot read still shows, with its raw link. */
async function show(row: Awaited<ReturnType<typeof listInboundMailForStaff>>[number]) {
  try {
    const mail = await parseInbound(Buffer.from(row.raw), row.envelopeFrom);
    return {
      from: mail.from,
      subject: mail.subject,
      preview: maskSecrets(mail.reply).text.slice(0, PREVIEW_CHARS),
      files: [...mail.files.map((f) => f.filename), ...mail.dropped.map((d) => `${d.filename}(${d.reason === "size" ? "大きすぎるため除外" : "対象外の形式"})`)],
      broken: false,
    };
  } catch {
    return { from: null, subject: "", preview: "", files: [] as string[], broken: true };
  }
}

export default async function InboundMailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("/admin/mail");
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const state = (TABS.find((t) => t.state === one("state"))?.state ?? "held") as StaffMailState;
  const [rows, counts] = await Promise.all([listInboundMailForStaff(state), countInboundMailByState()]);
  const shown = await Promise.all(rows.map(show));
  const tickets = await ticketsForInboundMail([...new Set(rows.map((r) => r.ticketId).filter((v): v is string => Boolean(v)))]);
  const error = one("error") as keyof typeof ERRORS;
  const done = DONE[one("done")];
  const ticketRef = one("ticket");

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">受信メール</h1>
      <p className="text-sm text-slate-700">自動では処理しなかったメールです。内容を確認して、チケットに追加するか、新しい問い合わせにするか、破棄してください。</p>
      {ERRORS[error] ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">{ERRORS[error]}</p> : null}
      {done ? (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {done(ticketRef)}{" "}
          {/^[A-Z]{2,6}-\d{4}-\d{6}$/.test(ticketRef) ? <Link href={`/admin/tickets/${ticketRef}`} className="underline">チケットを開く</Link> : null}
        </p>
      ) : null}
      <nav aria-label="受信メールの種類" className="flex flex-wrap gap-2">
        {TABS.map((t) => (
          <Link
            key={t.state}
            href={t.state === "held" ? "/admin/mail" : `/admin/mail?state=${t.state}`}
            aria-current={t.state === state ? "page" : undefined}
            className={`${button} ${t.state === state ? "border-brand-800 bg-brand-800 text-white" : "border-slate-400 bg-white hover:bg-slate-100"}`}
          >
            {t.label}({counts[t.state]})
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p>{state === "held" ? "保留中のメールはありません。" : "該当するメールはありません。"}</p>
      ) : (
        <ul className="space-y-3" aria-label={TABS.find((t) => t.state === state)!.label}>
          {rows.map((row, i) => (
            <MailItem key={row.id} row={row} shown={shown[i]} state={state} ticket={row.ticketId ? tickets.get(row.ticketId) ?? null : null} typed={one("mail") === row.id ? one("reference") : ""} />
          ))}
        </ul>
      )}
      {rows.length === STAFF_MAIL_PAGE_SIZE ? <p className="text-sm">新しい順に {STAFF_MAIL_PAGE_SIZE} 件を表示しています。</p> : null}
    </div>
  );
}

function MailItem({ row, shown, state, ticket, typed }: {
  row: Awaited<ReturnType<typeof listInboundMailForStaff>>[number];
  shown: Shown;
  state: StaffMailState;
  ticket: { reference: string; email: string } | null;
  typed: string;
}) {
  const subject = shown.subject || "(件名なし)";
  const sender = shown.from ? (shown.from.name ? `${shown.from.name} <${shown.from.address}>` : shown.from.address) : "送信者なし";
  const fromRequester = Boolean(ticket && shown.from && sameRequester(ticket, { email: shown.from.address }));
  const inputId = `reference-${row.id}`;
  const hintId = `reference-hint-${row.id}`;
  return (
    <li data-inbound-mail data-id={row.id} className="rounded border border-slate-300 bg-white p-3">
      <h2 className="break-words font-semibold">{subject}</h2>
      <dl className="mt-1 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">送信者</dt>
        <dd className="break-all">{sender}</dd>
        <dt className="font-semibold">受信日時</dt>
        <dd><Time value={row.receivedAt} /></dd>
        <dt className="font-semibold">理由</dt>
        <dd data-reason={row.reason ?? ""}>{REASONS[row.reason ?? ""] ?? row.reason ?? "—"}</dd>
        <dt className="font-semibold">一致したチケット</dt>
        <dd>{ticket ? <Link href={`/admin/tickets/${ticket.reference}`} className="underline">{ticket.reference}</Link> : "なし"}</dd>
        {shown.files.length ? (
          <>
            <dt className="font-semibold">添付ファイル</dt>
            <dd className="break-all">{shown.files.join("、")}</dd>
          </>
        ) : null}
        {row.lastError ? (
          <>
            <dt className="font-semibold">エラー</dt>
            <dd className="break-all">{row.lastError.slice(0, 300)}</dd>
          </>
        ) : null}
      </dl>
      {shown.broken ? (
        <p className="mt-2 text-sm text-red-900">このメールは解析できませんでした。元のメールをダウンロードして確認してください。</p>
      ) : (
        <div className="mt-2">
          <p className="text-sm font-semibold">本文(引用と署名を除く)</p>
          <p className="mt-1 max-h-48 overflow-y-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-sm" data-preview>{shown.preview || "(本文なし)"}</p>
        </div>
      )}
      <p className="mt-2 text-sm">
        <a href={`/api/admin/inbound/${row.id}/raw`} className="inline-flex min-h-11 items-center text-brand-700 underline" download>元のメール(.eml)をダウンロード</a>
      </p>
      {state === "held" ? (
        <div className="mt-2 flex flex-col gap-3 border-t border-slate-200 pt-3">
          <form action={acceptHeldMailAction} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="id" value={row.id} />
            <div className="flex min-w-0 flex-col">
              <label htmlFor={inputId} className="text-sm font-semibold">追加先の受付番号</label>
              <input
                id={inputId}
                name="reference"
                defaultValue={typed}
                placeholder={ticket?.reference ?? "例: GEN-2026-000123"}
                aria-describedby={hintId}
                autoComplete="off"
                className="min-h-11 w-full max-w-xs rounded border border-slate-400 px-2"
              />
            </div>
            <button type="submit" className={`${button} border-brand-800 bg-brand-800 text-white hover:bg-brand-700`}>チケットに追加</button>
            <p id={hintId} className="w-full text-sm text-slate-700">
              {ticket ? `空欄なら ${ticket.reference} に追加します。` : "一致したチケットがないため、受付番号を入力してください。"}
              {fromRequester ? "" : "送信者が依頼者ではないため、内部メモとして追加され、依頼者には見えません(別の受付番号を入力した場合は、その依頼者と比べます)。"}
            </p>
          </form>
          <div className="flex flex-wrap gap-2">
            <form action={newRequestFromHeldMailAction}>
              <input type="hidden" name="id" value={row.id} />
              <button type="submit" className={`${button} border-slate-400 bg-white hover:bg-slate-100`} disabled={!shown.from} aria-describedby={shown.from ? undefined : `no-sender-${row.id}`}>新しい問い合わせにする</button>
            </form>
            <form action={discardHeldMailAction}>
              <input type="hidden" name="id" value={row.id} />
              <button type="submit" className={`${button} border-red-700 bg-white text-red-800 hover:bg-red-50`}>破棄</button>
            </form>
          </div>
          {shown.from ? null : <p id={`no-sender-${row.id}`} className="text-sm text-slate-700">送信者がないため、新しい問い合わせにはできません。</p>}
        </div>
      ) : null}
    </li>
  );
}
