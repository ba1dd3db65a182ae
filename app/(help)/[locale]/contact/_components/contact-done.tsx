"use client";
// After a successful submit: the reference, the status link (shown once), what happens next and a
// printable summary of what was sent.
import Link from "next/link";
import { useEffect, useRef } from "react";
import type { ContactState } from "../contact-state";
import { T } from "../messages";
import type { Locale } from "@/lib/i18n";

export function ContactDone({ locale, state }: { locale: Locale; state: Extract<ContactState, { status: "done" }> }) {
  const t = T[locale];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo({ top: 0 });
  }, []);
  return (
    // data-print-alone: printing the confirmation gives the request, not the site's navigation
    // (app/globals.css; a stylesheet rule because the CSP allows no inline <style>).
    <section aria-labelledby="done-title" className="space-y-6" data-print-alone="">
      <div className="rounded-md border-2 border-green-700 bg-green-50 p-4">
        <h2 id="done-title" ref={heading} tabIndex={-1} className="text-xl font-bold text-green-900">
          {t.doneTitle}
        </h2>
        <p className="mt-2">
          {t.reference}: <strong className="font-mono text-2xl tracking-wide" data-testid="reference">{state.reference}</strong>
        </p>
        {state.email ? <p className="mt-1">{t.mailSent(state.email)}</p> : null}
      </div>

      {state.statusUrl ? (
        <div className="space-y-1">
          <h3 className="font-bold">{t.statusLink}</h3>
          <p>
            <a href={state.statusUrl} className="break-all text-brand-700 underline">
              {state.statusUrl}
            </a>
          </p>
          <p className="text-sm text-slate-700">{t.statusLinkNote}</p>
        </div>
      ) : state.duplicate ? (
        <p>{t.duplicate}</p>
      ) : null}

      <div>
        <h3 className="font-bold">{t.nextTitle}</h3>
        <ol className="mt-1 list-decimal space-y-1 pl-6">
          {t.next.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </div>

      {state.summary.length ? (
        <div>
          <h3 className="font-bold">{t.printSummary}</h3>
          <dl className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-300">
            {state.summary.map((row) => (
              <div key={row.label} className="grid gap-1 p-3 sm:grid-cols-3">
                <dt className="font-semibold text-slate-700">{row.label}</dt>
                <dd className="whitespace-pre-wrap break-words sm:col-span-2">{row.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}

      <div className="flex flex-wrap gap-3 print:hidden">
        <button type="button" onClick={() => window.print()} className="inline-flex min-h-11 items-center rounded-md border border-slate-500 px-4">
          {t.print}
        </button>
        <Link href={`/${locale}`} className="inline-flex min-h-11 items-center px-2 text-brand-700 underline">
          {t.back}
        </Link>
      </div>
    </section>
  );
}
