"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import type { Locale } from "@/lib/i18n";

const OTHER = { ja: { locale: "en", label: "English" }, en: { locale: "ja", label: "日本語" } } as const;

function swapLocale(pathname: string, to: string): string {
  const rest = pathname.replace(/^\/(ja|en)(?=\/|$)/, "");
  return `/${to}${rest}`;
}

const className = "inline-flex min-h-11 items-center rounded px-3 text-white underline underline-offset-4 hover:bg-brand-700";

function WithQuery({ locale }: { locale: Locale }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const other = OTHER[locale];
  return (
    <Link href={`${swapLocale(pathname, other.locale)}${search ? `?${search}` : ""}`} hrefLang={other.locale} lang={other.locale} className={className}>
      {other.label}
    </Link>
  );
}

function PathOnly({ locale }: { locale: Locale }) {
  const pathname = usePathname();
  const other = OTHER[locale];
  return (
    <Link href={swapLocale(pathname, other.locale)} hrefLang={other.locale} lang={other.locale} className={className}>
      {other.label}
    </Link>
  );
}

/** The same page in the other language: same step, same walk (the walk is the path). */
export function LanguageSwitch({ locale }: { locale: Locale }) {
  // Pre-rendered pages have no query string at build time; the path alone is right for them.
  return (
    <Suspense fallback={<PathOnly locale={locale} />}>
      <WithQuery locale={locale} />
    </Suspense>
  );
}
