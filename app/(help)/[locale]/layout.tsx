import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import "../../globals.css";
import { StatusBanner } from "@/components/help/status-banner";
import { SiteFooter, SiteHeader } from "@/components/site-chrome";
import { LOCALES, isLocale } from "@/lib/i18n";
import { ICONS } from "@/lib/icons";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Pages under this layout are pre-rendered and re-rendered at most every 30 s, so the status banner
// read here is at most ~30 s stale (docs/decisions/0004-help-pages-rendering.md).
export const revalidate = 30;

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const en = locale === "en";
  return {
    title: { default: en ? "IT Help Center" : "ITヘルプセンター", template: en ? "%s | IT Help Center" : "%s | ITヘルプセンター" },
    description: en
      ? "Step-by-step help when you cannot log in, and a contact form that needs no login."
      : "ログインできないときの手順と、ログイン不要のお問い合わせフォーム。",
    icons: ICONS,
  };
}

export default async function HelpLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <SiteHeader locale={locale} />
        <StatusBanner locale={locale} />
        <main id="main" className="relative mx-auto w-full max-w-3xl flex-1 px-4 py-6">
          {children}
        </main>
        <SiteFooter locale={locale} />
      </body>
    </html>
  );
}
