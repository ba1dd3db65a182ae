import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getStepTitle } from "@/lib/content";
import { isLocale } from "@/lib/i18n";
import { serverPrefill } from "@/lib/intake/submit";
import { describeUserAgent } from "@/lib/user-agent";
import { FUTURE_SKEW_MS, formatJstDateTime } from "@/lib/validation/intake";
import { ContactForm } from "./_components/contact-form";
import type { FormValues } from "./contact-state";
import { T } from "./messages";
import { ProblemChooser } from "./_components/problem-chooser";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: isLocale(locale) ? T[locale].title : T.ja.title };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ContactPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const query = await searchParams;
  // No guide named (the header's link): first "what is the problem?", which may answer it; its
  // "none of these" comes back with ?guide=none (issue 9).
  if (query.guide === undefined) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{T[locale].title}</h1>
        <ProblemChooser locale={locale} query={one(query.q)} />
      </div>
    );
  }
  // The walk from STEP3 is replayed here; an invalid one is dropped and the form starts empty.
  const { guideId, prefill } = serverPrefill(one(query.guide), one(query.walk));
  const now = new Date();
  const p = prefill?.values;
  const initial: FormValues = {
    locale,
    idempotencyKey: randomUUID(),
    failedAt: formatJstDateTime(now),
    device: describeUserAgent((await headers()).get("user-agent")),
    tried: p?.tried ?? [],
    ...(guideId ? { guide: guideId } : {}),
    ...(prefill ? { walk: prefill.walk.join(",") } : {}),
    ...Object.fromEntries(
      (["messageShown", "network", "factor", "stopsAt", "contactFormLogin"] as const).flatMap((f) => (p?.[f] ? [[f, p[f]]] : [])),
    ),
  };
  const prefilled = prefill ? Object.entries(p!).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : Boolean(v))).map(([k]) => k) : [];
  const pathSteps = (prefill?.triedSteps ?? []).map((id) => ({ id, title: getStepTitle(prefill!.guideId, id, locale) ?? id }));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{T[locale].title}</h1>
      <ContactForm
        locale={locale}
        initial={initial}
        prefilled={prefilled}
        pathSteps={pathSteps}
        maxFailedAt={formatJstDateTime(new Date(now.getTime() + FUTURE_SKEW_MS))}
      />
    </div>
  );
}
