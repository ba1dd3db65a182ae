// /{locale}/contact before anything is typed: "what is the problem?" (issue 9). Pre-rendered (issue 14:
// the header's contact link is the most visited dynamic page, 9.5 ms of CPU per request rendered
// each time): next.config.ts rewrites /{locale}/contact here when none of the dynamic page's
// parameters is given; with one (?q=, ?guide=, …) the dynamic page answers, as before.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isLocale } from "@/lib/i18n";
import { ProblemChooser } from "../_components/problem-chooser";
import { T } from "../messages";

export const revalidate = 30;
export const dynamicParams = false;

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: isLocale(locale) ? T[locale].title : T.ja.title };
}

export default async function ContactChooserPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{T[locale].title}</h1>
      <ProblemChooser locale={locale} query={undefined} />
    </div>
  );
}
