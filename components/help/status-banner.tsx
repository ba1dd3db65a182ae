// Service problems, read during render. A help center must work during incidents, so a failing or
// missing database (e.g. at build time) means no banner, never an error page.
import { listServiceProblems, listServiceStatuses, type ServiceStatusView } from "@/lib/data/service-status";
import type { Locale } from "@/lib/i18n";
import { formatJst } from "@/lib/jst";
import { log } from "@/lib/log";

const TEXT = {
  ja: {
    banner: "障害・メンテナンス情報",
    state: { operational: "稼働中", degraded: "一部に問題", outage: "障害発生中", maintenance: "メンテナンス中" },
    since: "開始",
    until: "終了予定",
    checkTitle: "まず、システムの稼働状況をご確認ください",
    known: "現在、次のサービスに問題が発生しています。既知の問題のため、この件でお問い合わせいただく必要はありません。復旧までお待ちください。",
    allFine: "現在、すべてのサービスは稼働中です。個人の環境で問題が起きている可能性があります。",
    unknown: "下の「障害・メンテナンス情報」と「システム稼働状況」のページで、サービスが停止していないかご確認ください。",
  },
  en: {
    banner: "Outages and maintenance",
    state: { operational: "Operational", degraded: "Degraded", outage: "Outage", maintenance: "Maintenance" },
    since: "Since",
    until: "Until",
    checkTitle: "First, check the system status",
    known: "The services below have a problem right now. It is a known problem: you need not contact us about it. Please wait until it is fixed.",
    allFine: "All services are operational right now. The problem is probably in your own environment.",
    unknown: "Check the outage notices and the system status pages below for services that are down.",
  },
} as const;

let lastWarning = 0;

async function safely<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    // Once a minute at most: every page render would otherwise log the same outage (or, at build
    // time without a database, one line per pre-rendered page).
    if (Date.now() - lastWarning > 60_000) {
      lastWarning = Date.now();
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "service status unavailable: rendering without it");
    }
    return null;
  }
}

function formatDate(date: Date, locale: Locale) {
  return formatJst(date, locale, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

function ServiceLine({ service, locale }: { service: ServiceStatusView; locale: Locale }) {
  const t = TEXT[locale];
  const message = locale === "ja" ? service.messageJa : service.messageEn ?? service.messageJa;
  return (
    <li className="py-1">
      <span className="font-bold">{locale === "ja" ? service.nameJa : service.nameEn}</span>: {t.state[service.state]}
      {message ? <span> — {message}</span> : null}
      {service.since || service.until ? (
        <span className="block text-sm">
          {service.since ? `${t.since} ${formatDate(service.since, locale)}` : ""}
          {service.since && service.until ? " / " : ""}
          {service.until ? `${t.until} ${formatDate(service.until, locale)}` : ""}
        </span>
      ) : null}
    </li>
  );
}

/** On every help page when a service is not operational. */
export async function StatusBanner({ locale }: { locale: Locale }) {
  const problems = await safely(listServiceProblems);
  if (!problems?.length) return null;
  const outage = problems.some((p) => p.state === "outage");
  return (
    <section
      aria-label={TEXT[locale].banner}
      data-testid="status-banner"
      className={`border-b-2 ${outage ? "border-red-700 bg-red-50 text-red-950" : "border-amber-600 bg-amber-50 text-amber-950"}`}
    >
      <div className="mx-auto max-w-3xl px-4 py-3">
        <p className="font-bold">{TEXT[locale].banner}</p>
        <ul>
          {problems.map((p) => (
            <ServiceLine key={p.id} service={p} locale={locale} />
          ))}
        </ul>
      </div>
    </section>
  );
}

/** STEP3 starts here: the whole status list, and "known problem, no need to contact us" when there is one. */
export async function StatusCheck({ locale }: { locale: Locale }) {
  const t = TEXT[locale];
  const statuses = await safely(listServiceStatuses);
  const problems = statuses?.filter((s) => s.state !== "operational") ?? [];
  return (
    <section aria-labelledby="status-check" data-testid="status-check" className="my-6 rounded-lg border border-slate-300 p-4">
      <h2 id="status-check" className="text-lg font-bold">
        {t.checkTitle}
      </h2>
      {statuses === null ? (
        <p className="mt-2">{t.unknown}</p>
      ) : problems.length ? (
        <div role="alert" className="mt-3 rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-950">
          <p className="font-bold">{t.known}</p>
          <ul>
            {problems.map((p) => (
              <ServiceLine key={p.id} service={p} locale={locale} />
            ))}
          </ul>
        </div>
      ) : (
        <p className="mt-2">{t.allFine}</p>
      )}
      {statuses?.length ? (
        <ul className="mt-3 grid gap-1 text-sm sm:grid-cols-2">
          {statuses.map((s) => (
            <li key={s.id} className="flex justify-between gap-2 rounded bg-slate-50 px-3 py-2">
              <span>{locale === "ja" ? s.nameJa : s.nameEn}</span>
              <span className={s.state === "operational" ? "text-green-800" : "font-bold text-red-800"}>{t.state[s.state]}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
