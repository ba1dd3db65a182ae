import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CsatTicketBlock } from "@/components/admin/csat-ticket";
import { formatDateTime, PriorityBadge, StatusBadge, Time } from "@/components/admin/format";
import { LiveUpdates } from "@/components/admin/live-updates";
import { KeyboardShortcuts } from "@/components/admin/keyboard-shortcuts";
import { stepName } from "@/components/admin/steps";
import { requireStaff } from "@/lib/auth/guards";
import { getGuide, getGuideDeclaration } from "@/lib/content";
import { genericForm } from "@/lib/guides/generic-form";
import { listAssignableStaff } from "@/lib/data/staff";
import { getSlaWarningMinutes } from "@/lib/data/business-calendar";
import { now as slaNow } from "@/lib/clock";
import { getTicketForStaff, listSimilarTickets, type StaffTicket } from "@/lib/data/ticket-detail";
import { markTicketRead } from "@/lib/data/ticket-reads";
import { allowedTransitions } from "@/lib/tickets/workflow";
import { describeAnswers, optionLabel, readAnswers } from "@/lib/guides/answers";
import { COMMON_FIELDS } from "@/lib/guides/common-fields";
import { TICKET_STATUS } from "@/lib/ticket-fields";
import { actorLabel, describeValues, EVENT_KIND_LABEL } from "@/lib/tickets/describe-change";
import { mergeAction, noteAction, propertiesAction, replyAction } from "./actions";
import { cannedOptionsFor } from "./canned";
import { Composer } from "./_components/composer";
import { MergeForm } from "./_components/merge-form";
import { PropertiesForm } from "./_components/properties-form";
import { SlaPanel } from "./_components/sla-panel";

type Params = Promise<{ reference: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).reference };
}

export default async function TicketPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | undefined>> }) {
  const { reference } = await params;
  const user = await requireStaff(`/admin/tickets/${encodeURIComponent(reference)}`);
  const ticket = await getTicketForStaff(user, reference);
  if (!ticket) notFound();
  const { notice, from, compose, canned } = await searchParams;
  // Opening the page is reading it, for this staff member only (decision 0019).
  const [staff, similar, cannedOptions, , warningMinutes] = await Promise.all([
    listAssignableStaff(),
    listSimilarTickets(ticket),
    cannedOptionsFor(ticket),
    markTicketRead(user, ticket.id),
    getSlaWarningMinutes(),
  ]);
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
        {" ・ "}
        <a href="#compose" className="inline-flex min-h-11 items-center text-brand-700 underline lg:hidden">返信・メモへ移動</a>
      </p>
      <LiveUpdates ticketId={ticket.id} renderedAt={new Date().getTime()} me={user.id} />
      {ticket.mergedInto ? (
        <p className="mt-3 rounded border border-slate-400 bg-slate-50 p-3" data-testid="merged-into">
          このチケットは{" "}
          <Link href={`/admin/tickets/${ticket.mergedInto.reference}`} className="font-mono text-brand-700 underline">{ticket.mergedInto.reference}</Link>{" "}
          に統合されました。やり取りと添付ファイルは統合先にあります。
        </p>
      ) : null}
      {notice === "merged" && typeof from === "string" && ticket.mergedFrom.some((m) => m.reference === from) ? (
        <p role="status" className="mt-3 rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {from} をこのチケットに統合しました。依頼者にはメールで知らせます。
        </p>
      ) : null}

      <div className="mt-4 grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Requester ticket={ticket} lang={lang} />
          <PathChecklist ticket={ticket} />
          <Answers ticket={ticket} lang={lang} />
          <Conversation ticket={ticket} lang={lang} />
          {/* Sticky on wide screens: the reply box is in reach without scrolling past the thread (0021). */}
          <section
            aria-labelledby="compose"
            className="scroll-mt-4 rounded border border-slate-300 bg-slate-100 p-3 shadow-[0_-4px_12px_rgba(15,23,42,0.15)] lg:sticky lg:bottom-0 lg:z-10 lg:max-h-[70vh] lg:overflow-y-auto"
          >
            <h2 id="compose" className="sr-only">返信・メモ</h2>
            {ticket.mergedInto ? (
              <p>統合済みのチケットには返信・メモを追加できません。統合先で対応してください。</p>
            ) : (
              <Composer
                ticketId={ticket.id}
                reference={ticket.reference}
                locale={ticket.locale}
                version={ticket.version}
                initialMode={compose === "note" ? "note" : "reply"}
                canned={cannedOptions}
                prefill={cannedOptions.find((c) => c.id === canned)?.body}
                replyAction={replyAction}
                noteAction={noteAction}
              />
            )}
          </section>
          <History ticket={ticket} />
        </div>

        <aside className="space-y-4" aria-label="チケットの操作">
          {ticket.mergedInto ? null : (
            <PropertiesForm
              action={propertiesAction}
              ticketId={ticket.id}
              reference={ticket.reference}
              version={ticket.version}
              current={{ status: ticket.status, priority: ticket.priority, assigneeId: ticket.assigneeId ?? "" }}
              statuses={[ticket.status, ...allowedTransitions(ticket.status)]}
              reopen={ticket.status === "resolved" || ticket.status === "closed"}
              staff={staff}
              me={user.id}
              notice={notice}
            />
          )}
          <CsatTicketBlock ticketId={ticket.id} />
          <SlaPanel
            status={ticket.status}
            firstResponseTargetMinutes={ticket.firstResponseTargetMinutes}
            resolutionTargetMinutes={ticket.resolutionTargetMinutes}
            firstResponseDueAt={ticket.firstResponseDueAt}
            resolutionDueAt={ticket.resolutionDueAt}
            firstRespondedAt={ticket.firstRespondedAt}
            resolvedAt={ticket.resolvedAt ?? ticket.closedAt}
            slaPausedAt={ticket.slaPausedAt}
            now={slaNow()}
            warningMinutes={warningMinutes}
          />
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
          {ticket.mergedInto ? null : (
            <MergeForm action={mergeAction} ticketId={ticket.id} reference={ticket.reference} version={ticket.version} similar={similar.map((s) => s.reference)} />
          )}
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
  // A message that came by mail says so in its history entry (issue 11).
  const byMail = new Set(
    ticket.events.flatMap((e) => {
      const after = e.after as { messageId?: unknown; via?: unknown } | null;
      return e.kind === "requester_message" && after?.via === "mail" && typeof after.messageId === "string" ? [after.messageId] : [];
    }),
  );
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
                <p className="text-sm font-semibold">{who} ・ <Time value={m.createdAt} />{byMail.has(m.id) ? <span className="ml-2 rounded border border-slate-400 bg-white px-1.5 text-xs font-normal" data-via-mail>メールで受信</span> : null}</p>
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

function History({ ticket }: { ticket: StaffTicket }) {
  return (
    <Section id="history" title="履歴">
      <ol className="relative space-y-2 border-l-2 border-slate-300 pl-4" data-testid="history">
        {ticket.events.map((e) => (
          <HistoryItem key={e.id} event={e} />
        ))}
      </ol>
      {ticket.mergedFrom.map((m) => (
        <div key={m.id} className="mt-4">
          <h3 className="font-semibold">
            統合元 <Link href={`/admin/tickets/${m.reference}`} className="font-mono text-brand-700 underline">{m.reference}</Link> の履歴
          </h3>
          <ol className="relative mt-2 space-y-2 border-l-2 border-slate-200 pl-4" data-testid={`history-${m.reference}`}>
            {m.events.map((e) => (
              <HistoryItem key={e.id} event={e} />
            ))}
          </ol>
        </div>
      ))}
    </Section>
  );
}

function HistoryItem({ event: e }: { event: StaffTicket["events"][number] }) {
  const values = describeValues(e.kind, e.before, e.after);
  return (
    <li>
      <p>
        <span className="font-semibold">{EVENT_KIND_LABEL[e.kind] ?? e.kind}</span>
        {values ? <span>: {values}</span> : null}
      </p>
      <p className="text-sm text-slate-700">
        {actorLabel({ actorType: e.actorType, actorName: e.actor?.name ?? null })} ・ <Time value={e.createdAt} />
      </p>
    </li>
  );
}
