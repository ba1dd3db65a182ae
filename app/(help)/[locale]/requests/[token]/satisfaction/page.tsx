// Where a rating link in the "resolved" mail lands: the choice pre-selected and one button to send
// it, with room for a comment. Opening it records nothing, so a mail scanner that follows both links
// rates nothing (docs/decisions/0030-csat.md). A bad or expired link gets a clear page, never a 500.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCsatForRequester } from "@/lib/data/csat";
import { getTicketByToken } from "@/lib/data/tickets";
import { csatState } from "@/lib/csat/window";
import { isLocale } from "@/lib/i18n";
import { CsatSection } from "../_components/csat-section";
import { CSAT_T } from "../csat-messages";

type Props = { params: Promise<{ locale: string; token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function SatisfactionPage({ params, searchParams }: Props) {
  const { locale, token } = await params;
  if (!isLocale(locale)) notFound();
  const t = CSAT_T[locale];
  const { rating } = await searchParams;
  const choice = rating === "good" || rating === "bad" ? rating : null;
  const ticket = await getTicketByToken(token);
  if (!ticket) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t.badLinkTitle}</h1>
        <p data-testid="csat-bad-link">{t.badLink}</p>
        <p>
          <Link className="text-brand-700 underline" href={`/${locale}`}>
            {t.home}
          </Link>
        </p>
      </div>
    );
  }
  const csat = ticket.survivor ? null : await getCsatForRequester(ticket.id);
  const state = csatState(csat, ticket.status, new Date());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t.pageTitle}</h1>
      <p>
        <span className="font-mono" data-testid="reference">{ticket.reference}</span>
      </p>
      <CsatSection locale={locale} token={token} state={state} stored={csat} choice={choice} />
      <p>
        <Link className="text-brand-700 underline" href={`/${locale}/requests/${token}`}>
          {t.backToStatus}
        </Link>
      </p>
    </div>
  );
}
