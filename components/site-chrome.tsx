import Link from "next/link";
import { LanguageSwitch } from "@/components/help/language-switch";
import { SearchForm } from "@/components/help/search-form";
import { contactHref } from "@/lib/help-urls";
import type { Locale } from "@/lib/i18n";

const TEXT = {
  ja: { skip: "本文へ移動", site: "ITヘルプセンター", contact: "お問い合わせ", nav: "サイト" },
  en: { skip: "Skip to content", site: "IT Help Center", contact: "Contact us", nav: "Site" },
} as const;

export function SiteHeader({ locale }: { locale: Locale }) {
  const t = TEXT[locale];
  return (
    <header className="bg-brand-800 text-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        {t.skip}
      </a>
      <div className="mx-auto max-w-3xl px-4 py-2">
        <div className="flex flex-wrap items-center justify-between gap-x-3">
          <Link href={`/${locale}`} className="inline-flex min-h-11 items-center text-lg font-bold text-white no-underline">
            {t.site}
          </Link>
          <nav aria-label={t.nav} className="flex items-center gap-1 text-sm">
            <LanguageSwitch locale={locale} />
            <Link
              href={contactHref(locale)}
              className="inline-flex min-h-11 items-center rounded px-3 text-white underline underline-offset-4 hover:bg-brand-700"
            >
              {t.contact}
            </Link>
          </nav>
        </div>
        <div className="pb-2 pt-1" data-site-search="">
          <SearchForm locale={locale} id="site-search" size="small" />
        </div>
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
