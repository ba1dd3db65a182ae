import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass, formatDateTime, PriorityBadge, StatusBadge, Time } from "@/components/admin/format";
import { KeyboardShortcuts } from "@/components/admin/keyboard-shortcuts";
import { stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { getGuide, getGuideDeclaration } from "@/lib/content";
import { genericForm } from "@/lib/guides/generic-form";
import { listAssignableStaff } from "@/lib/data/staff";
import { getTicketForStaff, listSimilarTickets, type StaffTicket } from "@/lib/data/ticket-detail";
import { markTicketRead } from "@/lib/data/ticket-reads";
import { allowedTransitions } from "@/lib/tickets/workflow";
import { describeAnswers, optionLabel, readAnswers } from "@/lib/guides/answers";
import { COMMON_FIELDS } from "@/lib/guides/common-fields";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";
import { assigneeAction, noteAction, priorityAction, replyAction, statusAction } from "./actions";
import { MessageForm } from "./_components/message-forms";

type Params = Promise<{ reference: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).reference };
}

const ERRORS: Record<string, string> = {
  "not-found": "チケットが見つかりません。",
  transition: "この状態には変更できません。画面を更新してから、もう一度お試しください。",
  assignee: "その担当者は選べません(無効なアカウントです)。",
  invalid: "入力内容を確認してください。",
};

const KIND: Record<string, string> = {
  created: "受付",
  status: "状態を変更",
  priority: "優先度を変更",
  assignee: "担当者を変更",
  note: "内部メモを追加",
  reply: "依頼者へ返信",
  requester_message: "依頼者からのメッセージ",
  attachment: "ファイルを追加",
};

export default async function TicketPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | undefined>> }) {
  const { reference } = await params;
  const user = await requireStaff(`/admin/tickets/${encodeURIComponent(reference)}`);
  const ticket = await getTicketForStaff(user, reference);
  if (!ticket) notFound();
  const { error } = await searchParams;
  // Opening the page is reading it, for this staff member only (decision 0019).
  const [staff, similar] = await Promise.all([listAssignableStaff(), listSimilarTickets(ticket), markTicketRead(user, ticket.id)]);
  const lang = ticket.locale === "en" ? "en" : "ja";

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href="/admin/tickets" className="inline-flex min-h-11 items-center text-brand-700 underline">← チケット一覧</Link>
        <KeyboardShortcuts scope="detail" />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="font-mono text-2xl font-bold">{ticket.reference}</h1>
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
      </div>
      <p className="text-sm text-slate-700">
        受付 <Time value={ticket.createdAt} /> ・ 担当者: {ticket.assignee?.name ?? "未割り当て"}
      </p>
      {error && Object.hasOwn(ERRORS, error) ? (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-3 text-red-900">{ERRORS[error]}</p>
      ) : null}

      <div className="mt-4 grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Requester ticket={ticket} lang={lang} />
          <PathChecklist ticket={ticket} />
          <Answers ticket={ticket} lang={lang} />
          <Conversation ticket={ticket} lang={lang} />
          <section aria-labelledby="compose" className="space-y-4">
            <h2 id="compose" className="text-lg font-bold">返信・メモ</h2>
            <MessageForm kind="reply" action={replyAction} ticketId={ticket.id} reference={ticket.reference} locale={ticket.locale} />
            <MessageForm kind="note" action={noteAction} ticketId={ticket.id} reference={ticket.reference} locale={ticket.locale} />
          </section>
          <History ticket={ticket} />
        </div>

        <aside className="space-y-4" aria-label="チケットの操作">
          {ticket.assigneeId !== user.id ? (
            <form action={assigneeAction}>
              <input type="hidden" name="ticketId" value={ticket.id} />
              <input type="hidden" name="reference" value={ticket.reference} />
              <input type="hidden" name="assigneeId" value={user.id} />
              <button id="assign-to-me" type="submit" className={`${buttonClass} w-full`}>自分に割り当て</button>
            </form>
          ) : null}
          <form action={statusAction} className="rounded border border-slate-300 bg-white p-3">
            <input type="hidden" name="ticketId" value={ticket.id} />
            <input type="hidden" name="reference" value={ticket.reference} />
            <label htmlFor="status" className="block font-semibold">状態</label>
            <select id="status" name="status" defaultValue={ticket.status} className="mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2">
              {[ticket.status, ...allowedTransitions(ticket.status)].map((s) => (
                <option key={s} value={s}>
                  {TICKET_STATUS.label(s, "ja")}
                  {(ticket.status === "resolved" || ticket.status === "closed") && s === "open" ? "(再オープン)" : ""}
                </option>
              ))}
            </select>
            <button type="submit" className={`${buttonClass} mt-2 w-full`}>状態を変更</button>
          </form>
          <form action={priorityAction} className="rounded border border-slate-300 bg-white p-3">
            <input type="hidden" name="ticketId" value={ticket.id} />
            <input type="hidden" name="reference" value={ticket.reference} />
            <label htmlFor="priority" className="block font-semibold">優先度</label>
            <select id="priority" name="priority" defaultValue={ticket.priority} className="mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2">
              {TICKET_PRIORITY.values.map((p) => (
                <option key={p} value={p}>{TICKET_PRIORITY.label(p, "ja")}</option>
              ))}
            </select>
            <button type="submit" className={`${buttonClass} mt-2 w-full`}>優先度を変更</button>
          </form>
          <form action={assigneeAction} className="rounded border border-slate-300 bg-white p-3">
            <input type="hidden" name="ticketId" value={ticket.id} />
            <input type="hidden" name="reference" value={ticket.reference} />
            <label htmlFor="assigneeId" className="block font-semibold">担当者</label>
            <select id="assigneeId" name="assigneeId" defaultValue={ticket.assigneeId ?? ""} className="mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-2">
              <option value="">未割り当て</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>{s.name}{s.id === user.id ? "(自分)" : ""}</option>
              ))}
            </select>
            <button type="submit" className={`${buttonClass} mt-2 w-full`}>担当者を変更</button>
          </form>
          <section aria-labelledby="similar" className="rounded border border-slate-300 bg-white p-3">
            <h2 id="similar" className="font-semibold">似たチケット(24時間以内)</h2>
            <p className="text-sm text-slate-700">同じガイド・同じ終了ステップ・同じ主な回答</p>
            {similar.length ? (
              <ul className="mt-2 space-y-1">
                {similar.map((s) => (
                  <li key={s.id}>
                    <Link href={`/admin/tickets/${s.reference}`} className="inline-flex min-h-11 items-center font-mono text-brand-700 underline">{s.reference}</Link>{" "}
                    <span className="text-sm">{TICKET_STATUS.label(s.status, "ja")} ・ <Time value={s.createdAt} /></span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-sm">ありません。</p>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded border border-slate-300 bg-white p-4">
      <h2 id={id} className="text-lg font-bold">{title}</h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

function Row({ label, children, changed }: { label: string; children: React.ReactNode; changed?: boolean }) {
  return (
    <div className="grid grid-cols-1 gap-x-4 border-b border-slate-100 py-1 sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0 break-words">
        {children}
        {changed ? (
          <span className="ml-2 inline-block rounded border border-orange-400 bg-orange-50 px-1 text-sm text-orange-900">変更あり(事前入力と異なる)</span>
        ) : null}
      </dd>
    </div>
  );
}

function Requester({ ticket, lang }: { ticket: StaffTicket; lang: "ja" | "en" }) {
  return (
    <Section id="requester" title="依頼者">
      <dl>
        <Row label="氏名"><span lang={lang}>{ticket.name}</span></Row>
        <Row label="ユーザ名">{ticket.username}</Row>
        <Row label="所属">{optionLabel(COMMON_FIELDS.get("affiliation")!, ticket.affiliation, "ja")}</Row>
        <Row label="連絡先メール"><a href={`mailto:${ticket.email}`} className="text-brand-700 underline">{ticket.email}</a></Row>
        <Row label="言語">{ticket.locale === "en" ? "English" : "日本語"}</Row>
        <Row label="端末・ブラウザ">{ticket.device ?? "—"}</Row>
      </dl>
    </Section>
  );
}

function PathChecklist({ ticket }: { ticket: StaffTicket }) {
  const guide = ticket.guideId ? getGuide(ticket.guideId) : null;
  if (!guide || !ticket.path.length) {
    return (
      <Section id="path" title="ガイドの経路">
        <p>ガイドを経由せずに送られたお問い合わせです。</p>
      </Section>
    );
  }
  const locale = ticket.locale === "en" ? "en" : "ja";
  return (
    <Section id="path" title="ガイドの経路">
      <ol className="space-y-1" aria-label="たどったステップ">
        {ticket.path.map((stepId, i) => {
          const walk = ticket.walk.slice(0, i);
          const href = `/${locale}/guides/${guide.id}${walk.length ? `/${walk.join("/")}` : ""}`;
          const isEnd = stepId === ticket.endStep;
          const isContact = stepId === guide.contactStep;
          return (
            <li key={`${i}-${stepId}`} className="flex items-start gap-2">
              <span aria-hidden="true" className={isContact ? "text-slate-500" : isEnd ? "text-orange-700" : "text-emerald-700"}>
                {isContact ? "✉" : isEnd ? "✗" : "✓"}
              </span>
              <span className="min-w-0">
                <a href={href} target="_blank" rel="noreferrer" className="text-brand-700 underline">{stepName(guide.id, stepId)}</a>
                {isEnd ? <span className="ml-2 text-sm font-semibold text-orange-800">(ここで解決せず、お問い合わせへ)</span> : null}
                {isContact ? <span className="ml-2 text-sm text-slate-700">(お問い合わせフォーム)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </Section>
  );
}

function Answers({ ticket, lang }: { ticket: StaffTicket; lang: "ja" | "en" }) {
  const changed = (f: string) => ticket.changedFields.includes(f);
  // Labels and order from the ticket's own guide (the generic form without one): staff read each
  // ticket in its guide's words, whatever guides exist now.
  const guide = ticket.guideId ? getGuideDeclaration(ticket.guideId) : null;
  const rows = describeAnswers(ticket.guideId ? guide : genericForm(), readAnswers(ticket.answers), "ja", (step) => stepName(ticket.guideId, step));
  const attachmentsShown = ticket.attachments.filter((a) => !a.messageId);
  return (
    <Section id="answers" title="フォームの回答">
      <dl>
        <Row label="発生日時" changed={changed("failedAt")}>{formatDateTime(ticket.failedAt)}</Row>
        {rows.map((r) => (
          <Row key={r.key} label={r.label} changed={changed(r.key)}>
            <span className="whitespace-pre-wrap" lang={lang}>{r.value}</span>
          </Row>
        ))}
        <Row label="内容" changed={changed("description")}>
          <p className="whitespace-pre-wrap" lang={lang}>{ticket.description}</p>
        </Row>
      </dl>
      {attachmentsShown.length ? (
        <div className="mt-3">
          <h3 className="font-semibold">スクリーンショット・添付ファイル</h3>
          <ul className="mt-2 grid gap-3 sm:grid-cols-2">
            {attachmentsShown.map((a) => (
              <li key={a.id}>
                <a href={`/api/admin/attachments/${a.id}`} className="text-brand-700 underline">
                  {a.contentType.startsWith("image/") ? (
                    // eslint-disable-next-line @next/next/no-img-element -- served by our guarded route, not optimisable
                    <img src={`/api/admin/attachments/${a.id}`} alt={`添付画像: ${a.filename}`} className="max-h-64 rounded border border-slate-300" />
                  ) : null}
                  <span className="block">{a.filename}({Math.ceil(a.size / 1024)} KB)</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}

function Conversation({ ticket, lang }: { ticket: StaffTicket; lang: "ja" | "en" }) {
  return (
    <Section id="conversation" title="やり取り">
      {ticket.messages.length ? (
        <ol className="space-y-3">
          {ticket.messages.map((m) => {
            const who = m.authorType === "requester" ? "依頼者" : m.visibility === "internal" ? `内部メモ(${m.author?.name ?? "スタッフ"})` : `返信(${m.author?.name ?? "スタッフ"})`;
            const style = m.authorType === "requester" ? "border-sky-300 bg-sky-50" : m.visibility === "internal" ? "border-amber-300 bg-amber-50" : "border-slate-300 bg-white";
            const attachments = ticket.attachments.filter((a) => a.messageId === m.id);
            return (
              <li key={m.id} className={`rounded border p-3 ${style}`}>
                <p className="text-sm font-semibold">{who} ・ <Time value={m.createdAt} /></p>
                <p className="mt-1 whitespace-pre-wrap break-words" lang={m.authorType === "requester" ? lang : undefined}>{m.body}</p>
                {attachments.map((a) => (
                  <a key={a.id} href={`/api/admin/attachments/${a.id}`} className="mt-1 block text-brand-700 underline">{a.filename}</a>
                ))}
              </li>
            );
          })}
        </ol>
      ) : (
        <p>まだやり取りはありません。</p>
      )}
    </Section>
  );
}

function describeEvent(e: StaffTicket["events"][number]): string {
  const before = (e.before ?? {}) as Record<string, string | null>;
  const after = (e.after ?? {}) as Record<string, string | null>;
  switch (e.kind) {
    case "status":
      return `${TICKET_STATUS.label(before.status ?? "", "ja")} → ${TICKET_STATUS.label(after.status ?? "", "ja")}`;
    case "priority":
      return `${TICKET_PRIORITY.label(before.priority ?? "", "ja")} → ${TICKET_PRIORITY.label(after.priority ?? "", "ja")}`;
    case "assignee":
      return `${before.assigneeName ?? "未割り当て"} → ${after.assigneeName ?? "未割り当て"}`;
    default:
      return "";
  }
}

function History({ ticket }: { ticket: StaffTicket }) {
  return (
    <Section id="history" title="履歴">
      <ol className="relative space-y-2 border-l-2 border-slate-300 pl-4" data-testid="history">
        {ticket.events.map((e) => (
          <li key={e.id}>
            <p>
              <span className="font-semibold">{KIND[e.kind] ?? e.kind}</span>
              {describeEvent(e) ? <span>: {describeEvent(e)}</span> : null}
            </p>
            <p className="text-sm text-slate-700">
              {e.actorType === "staff" ? (e.actor?.name ?? "スタッフ") : e.actorType === "requester" ? "依頼者" : "システム"} ・ <Time value={e.createdAt} />
            </p>
          </li>
        ))}
      </ol>
    </Section>
  );
}
