import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCsatForRequester } from "@/lib/data/csat";
import { getTicketByToken } from "@/lib/data/tickets";
import { csatState } from "@/lib/csat/window";
import { statusUrl } from "@/lib/intake/submit";
import { renderPlaceholders } from "@/lib/tickets/placeholders";
import { requesterCanWrite } from "@/lib/tickets/workflow";
import { isLocale, type Locale } from "@/lib/i18n";
import { formatJst } from "@/lib/jst";
import { TICKET_STATUS } from "@/lib/ticket-fields";
import { CsatSection } from "./_components/csat-section";
import { RequesterMessageForm } from "./_components/requester-message-form";
import { CSAT_T } from "./csat-messages";
import { STATUS_T } from "./messages";

type Props = { params: Promise<{ locale: string; token: string }> };

// A secret link: never indexed. (No "no-referrer" here: it makes browsers send Origin: null on the
// no-JavaScript form post, which Next rightly refuses; the site-wide policy already keeps the path
// from other origins.)
export const metadata: Metadata = { robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const formatDate = (date: Date, locale: Locale) => formatJst(date, locale, { dateStyle: "medium", timeStyle: "short" });

function Attachments({ files, base, label }: { files: { id: string; filename: string }[]; base: string; label: string }) {
  if (!files.length) return null;
  return (
    <ul className="mt-2 space-y-1">
      {files.map((f) => (
        <li key={f.id}>
          {label}:{" "}
          <a className="break-all text-brand-700 underline" href={`${base}/attachments/${f.id}`}>
            {f.filename}
          </a>
        </li>
      ))}
    </ul>
  );
}

export default async function RequestStatusPage({ params }: Props) {
  const { locale, token } = await params;
  if (!isLocale(locale)) notFound();
  const ticket = await getTicketByToken(token);
  // Unknown and expired tokens look the same.
  if (!ticket) notFound();
  const t = STATUS_T[locale];
  const base = `/${locale}/requests/${token}`;
  const canWrite = requesterCanWrite(ticket.status);
  // A merged request is rated on the request it went to, not here (docs/decisions/0030-csat.md).
  const csat = ticket.survivor ? null : await getCsatForRequester(ticket.id);
  const rating = csatState(csat, ticket.status, new Date());

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      {ticket.survivor ? (
        <p className="rounded-md border border-brand-600 bg-brand-50 p-3" data-testid="merged-into">
          {t.merged(ticket.survivor.reference)}
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-md border border-slate-300 p-4">
        <dt className="font-semibold">{t.reference}</dt>
        <dd className="font-mono" data-testid="reference">{ticket.reference}</dd>
        <dt className="font-semibold">{t.status}</dt>
        <dd>
          <strong data-testid="status">{TICKET_STATUS.label(ticket.status, locale)}</strong>
          <span className="block text-sm text-slate-700">{t.statusHelp[ticket.status]}</span>
        </dd>
        <dt className="font-semibold">{t.received}</dt>
        <dd>{formatDate(ticket.createdAt, locale)}</dd>
        <dt className="font-semibold">{t.updated}</dt>
        <dd>{formatDate(ticket.updatedAt, locale)}</dd>
      </dl>

      <section aria-labelledby="request-title">
        <h2 id="request-title" className="text-lg font-bold">
          {t.yourRequest}
        </h2>
        <p className="mt-2 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3">{ticket.description}</p>
        <Attachments files={ticket.attachments} base={base} label={t.attachment} />
      </section>

      <section aria-labelledby="conversation-title">
        <h2 id="conversation-title" className="text-lg font-bold">
          {t.conversation}
        </h2>
        {ticket.messages.length ? (
          <ol className="mt-2 space-y-3">
            {ticket.messages.map((m) => (
              <li key={m.id} className={`rounded-md border p-3 ${m.authorType === "requester" ? "border-slate-300" : "border-brand-600 bg-brand-50"}`}>
                <p className="text-sm text-slate-700">
                  <strong className="text-slate-900">{m.authorType === "requester" ? t.you : t.staff}</strong> · {formatDate(m.createdAt, locale)}
                </p>
                <p className="mt-1 whitespace-pre-wrap break-words">
                  {/* Staff replies keep {{status_link}} as written (docs/decisions/0021); here it is this page. */}
                  {m.authorType === "requester"
                    ? m.body
                    : renderPlaceholders(m.body, { locale, name: ticket.name, reference: ticket.reference, statusLink: statusUrl(locale, token) })}
                </p>
                <Attachments files={m.attachments} base={base} label={t.attachment} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-slate-700">{t.noMessages}</p>
        )}
      </section>

      {rating !== "none" ? (
        <section aria-labelledby="csat-title" id="satisfaction" className="rounded-md border border-slate-300 p-4">
          <h2 id="csat-title" className="text-lg font-bold">
            {CSAT_T[locale].title}
          </h2>
          <div className="mt-2">
            <CsatSection locale={locale} token={token} state={rating} stored={csat} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="add-title">
        <h2 id="add-title" className="text-lg font-bold">
          {t.addTitle}
        </h2>
        {canWrite ? (
          <RequesterMessageForm locale={locale} token={token} />
        ) : (
          <p className="mt-2">
            {t.closed}{" "}
            <Link className="text-brand-700 underline" href={`/${locale}/contact`}>
              {t.newRequest}
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
