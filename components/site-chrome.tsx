import Link from "next/link";
import type { Locale } from "@/lib/i18n";

const TEXT = {
  ja: { skip: "本文へ移動", site: "ITヘルプセンター", contact: "お問い合わせ", other: "English", otherLocale: "en" },
  en: { skip: "Skip to content", site: "IT Help Center", contact: "Contact us", other: "日本語", otherLocale: "ja" },
} as const;

export function SiteHeader({ locale, switchHref }: { locale: Locale; switchHref?: string }) {
  const t = TEXT[locale];
  return (
    <header className="border-b border-slate-200 bg-brand-800 text-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        {t.skip}
      </a>
      <div className="mx-auto flex max-w-3xl items-center justify-between gap-3 px-4 py-3">
        <Link href={`/${locale}`} className="text-lg font-bold text-white no-underline">
          {t.site}
        </Link>
        <nav aria-label={locale === "ja" ? "サイト" : "Site"} className="flex items-center gap-2 text-sm">
          <Link
            href={switchHref ?? `/${t.otherLocale}`}
            hrefLang={t.otherLocale}
            lang={t.otherLocale}
            className="inline-flex min-h-11 items-center rounded px-3 text-white underline-offset-4 hover:underline"
          >
            {t.other}
          </Link>
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter({ locale }: { locale: Locale }) {
  return (
    <footer className="border-t border-slate-200 bg-slate-50 text-sm text-slate-700">
      <div className="mx-auto max-w-3xl px-4 py-6">
        {locale === "ja"
          ? "パスワードやワンタイムパスワードを、メールやフォームで人に伝えないでください。"
          : "Never send your password or one-time password to anyone, by mail or in a form."}
      </div>
    </footer>
  );
}
