// The rating part of the status page and of the mail link's page: the form while the rating can be
// given or changed, the rating read-only otherwise, and why (docs/decisions/0030-csat.md).
import type { CsatState } from "@/lib/csat/window";
import { csatWindowEnds } from "@/lib/csat/window";
import type { Locale } from "@/lib/i18n";
import { formatJst } from "@/lib/jst";
import { CSAT_T } from "../csat-messages";
import { CsatForm } from "./csat-form";

type Stored = { rating: "good" | "bad" | null; comment: string | null; resolvedAt: Date };

export function CsatSection({ locale, token, state, stored, choice }: { locale: Locale; token: string; state: CsatState; stored: Stored | null; choice?: "good" | "bad" | null }) {
  const t = CSAT_T[locale];
  if (state === "none" || !stored) return <p>{t.none}</p>;
  const label = (r: "good" | "bad") => (r === "good" ? t.good : t.bad);
  const current = stored.rating ? (
    <div data-testid="csat-current">
      <p className="font-semibold">{t.current(label(stored.rating))}</p>
      {stored.comment ? (
        <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3">
          <span className="sr-only">{t.yourComment}: </span>
          {stored.comment}
        </p>
      ) : null}
    </div>
  ) : null;
  if (state !== "open") {
    return (
      <div className="space-y-2">
        {current ?? <p>{t.notRated}</p>}
        <p data-testid="csat-closed">{state === "expired" ? t.expired : t.reopened}</p>
      </div>
    );
  }
  const until = formatJst(csatWindowEnds(stored.resolvedAt), locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-3">
      {choice ? <p>{t.confirmFromMail(label(choice))}</p> : <p>{t.intro}</p>}
      {current}
      <p className="text-sm text-slate-700">{t.changeUntil(until)}</p>
      <CsatForm locale={locale} token={token} rating={choice ?? stored.rating} comment={stored.comment ?? ""} rated={Boolean(stored.rating)} />
    </div>
  );
}
