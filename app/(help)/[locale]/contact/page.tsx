import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getStepTitle } from "@/lib/content";
import { isAsked } from "@/lib/guides/declaration";
import { formFields } from "@/lib/guides/form-fields";
import { isLocale } from "@/lib/i18n";
import { resolveIntakeRequest } from "@/lib/intake/submit";
import { formatJstDateTime } from "@/lib/jst";
import { describeUserAgent } from "@/lib/user-agent";
import { FUTURE_SKEW_MS } from "@/lib/validation/intake";
import { ContactForm } from "./_components/contact-form";
import { GenericContactForm } from "./_components/generic-contact-form";
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
  // The walk from STEP3 is replayed here; an invalid one is dropped and the form starts empty. No
  // guide (or ?guide=none from the chooser) gives the generic form: never the SSO questions.
  const request = resolveIntakeRequest(one(query.guide), one(query.walk));
  const { guide, prefill } = request;
  const now = new Date();
  const p = prefill?.values ?? {};
  const fields = formFields(request.form).filter((f) => isAsked(f, prefill?.replayed ?? null));
  const initial: FormValues = {
    locale,
    idempotencyKey: randomUUID(),
    failedAt: formatJstDateTime(now),
    device: describeUserAgent((await headers()).get("user-agent")),
    ...(guide ? { guide: guide.id } : {}),
    ...(prefill ? { walk: prefill.walk.join(",") } : {}),
    ...Object.fromEntries(fields.flatMap((f) => (Object.hasOwn(p, f.key) ? [[f.key, p[f.key]]] : []))),
    // What the chooser's box held ("none of these: write to us"): the user does not type it twice.
    ...(!guide && typeof query.description === "string" ? { description: query.description.slice(0, 5000) } : {}),
  };
  const prefilled = fields.filter((f) => Object.hasOwn(p, f.key) && (Array.isArray(p[f.key]) ? p[f.key].length > 0 : true)).map((f) => f.key);
  // Asked only when the walk left it open: what the walk answered folds away (issue 9).
  const answered = fields.filter((f) => f.required === "unless-answered-by-path" && typeof p[f.key] === "string").map((f) => f.key);
  const pathSteps = (prefill?.triedSteps ?? []).map((id) => ({ id, title: getStepTitle(prefill!.guideId, id, locale) ?? id }));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{T[locale].title}</h1>
      {guide ? (
        <ContactForm
          locale={locale}
          fields={fields}
          initial={initial}
          prefilled={prefilled}
          answered={answered}
          pathSteps={pathSteps}
          maxFailedAt={formatJstDateTime(new Date(now.getTime() + FUTURE_SKEW_MS))}
        />
      ) : (
        <GenericContactForm locale={locale} initial={initial} maxFailedAt={formatJstDateTime(new Date(now.getTime() + FUTURE_SKEW_MS))} />
      )}
    </div>
  );
}
