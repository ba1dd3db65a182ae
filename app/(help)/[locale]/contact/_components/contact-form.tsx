"use client";
// The contact form (issues 4 and 9), rendered from a form declaration: the guide's (content/guides/
// <id>/guide.json) or the generic one. A plain <form action={serverAction}>: it works without
// JavaScript (the page re-renders with errors and values); with JavaScript errors show without a
// reload and focus moves to the first invalid field. A question the walk already answered is folded
// into a one-line <details> with its answer: still sent, still changeable, no longer a wall of radios.
import { useActionState, useEffect, useRef } from "react";
import { submitContact } from "../actions";
import type { ContactState, FormValues } from "../contact-state";
import { T } from "../messages";
import { ContactDone } from "./contact-done";
import { anchorId, ChoiceGroup, TextField } from "@/components/intake/fields";
import { ScreenshotInput } from "@/components/intake/screenshot-input";
import type { ResolvedField } from "@/lib/guides/declaration";
import type { Locale } from "@/lib/i18n";

type Props = {
  locale: Locale;
  /** the questions asked, in page order */
  fields: ResolvedField[];
  initial: FormValues;
  /** fields pre-filled from the walk (badge) */
  prefilled: string[];
  /** fields the walk answered: folded, not required */
  answered: string[];
  pathSteps: { id: string; title: string }[];
  maxFailedAt: string;
};

const grouped = (f: ResolvedField) => f.kind === "single" || f.kind === "multi";

export function ContactForm({ locale, fields, initial, prefilled, answered, pathSteps, maxFailedAt }: Props) {
  const t = T[locale];
  const [state, formAction, pending] = useActionState<ContactState, FormData>(submitContact, { status: "idle" });
  const summaryRef = useRef<HTMLDivElement>(null);
  const order = fields.map((f) => f.key);

  useEffect(() => {
    if (state.status !== "error") return;
    const first = fields.find((f) => state.errors[f.key]?.length);
    const target = first ? document.getElementById(anchorId(first.key, grouped(first))) : summaryRef.current;
    if (target?.closest("details")) target.closest("details")!.open = true;
    target?.focus();
  }, [state, fields]);

  if (state.status === "done") return <ContactDone locale={locale} state={state} />;

  const values = state.status === "error" ? state.values : initial;
  const errors = state.status === "error" ? state.errors : {};
  const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const marks = { required: t.required, optional: t.optional };
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const errorList = order.filter((f) => errors[f]?.length);
  // Errors on fields the user cannot see (a tampered hidden value): named, without a link.
  const otherErrors = Object.keys(errors).filter((f) => errors[f]?.length && !order.includes(f));
  const labelOf = (f: string) =>
    byKey.get(f)?.label[locale] ?? (Object.hasOwn(t, f) && typeof (t as Record<string, unknown>)[f] === "string" ? ((t as Record<string, unknown>)[f] as string) : t.form);
  // An "other" text is shown under the choice it completes.
  const nested = new Map<string, ResolvedField[]>();
  for (const f of fields) if (f.requiredWhen && byKey.has(f.requiredWhen.field)) nested.set(f.requiredWhen.field, [...(nested.get(f.requiredWhen.field) ?? []), f]);
  const isNested = (f: ResolvedField) => Boolean(f.requiredWhen && byKey.has(f.requiredWhen.field));
  const isRequired = (f: ResolvedField) => f.required === "always" || (f.required === "unless-answered-by-path" && !answered.includes(f.key));

  function render(f: ResolvedField) {
    const common = { name: f.key, label: f.label[locale], help: f.help?.[locale], required: isRequired(f), marks, error: errors[f.key] };
    switch (f.kind) {
      case "text":
      case "textarea":
      case "username":
      case "email":
      case "datetime": {
        const field = (
          <TextField
            key={f.key}
            {...common}
            type={f.kind === "email" ? "email" : f.kind === "datetime" ? "datetime-local" : "text"}
            multiline={f.kind === "textarea"}
            rows={f.kind === "textarea" ? 6 : undefined}
            autoComplete={f.key === "name" ? "name" : f.kind === "username" ? "username" : f.kind === "email" ? "email" : undefined}
            inputMode={f.kind === "email" ? "email" : undefined}
            spellCheck={f.kind === "username" ? false : undefined}
            // A full-width or mail-style username is normalised on the server: leave room to type it.
            maxLength={f.maxLength ? f.maxLength + (f.kind === "username" ? 20 : 0) : undefined}
            max={f.kind === "datetime" ? maxFailedAt : undefined}
            defaultValue={str(f.key)}
          />
        );
        // An optional answer the server pre-filled (the device, guessed from the browser) folds to
        // one line like the walk's answers: most people only glance at it.
        const guessed = f.required === "optional" && typeof initial[f.key] === "string" && initial[f.key] !== "";
        if (!guessed) return field;
        return (
          <details key={f.key} open={str(f.key) !== initial[f.key] || Boolean(errors[f.key]?.length)} className="rounded-md border border-slate-300 px-3 py-2" data-testid={`answered-${f.key}`}>
            <summary className="cursor-pointer">
              <span className="font-semibold">{f.label[locale]}</span>: {str(f.key)}{" "}
              <span className="text-sm text-brand-800 underline">{t.change}</span>
            </summary>
            <div className="mt-2">{field}</div>
          </details>
        );
      }
      case "single":
      case "multi": {
        const follow = nested.get(f.key) ?? [];
        const options = [
          ...(f.kind === "multi" && f.prefill && "steps" in f.prefill ? pathSteps.map((s) => ({ value: s.id, label: s.title })) : []),
          ...(f.options ?? []).map((o) => ({ value: o.value, label: o.label[locale], reveals: follow.some((n) => n.requiredWhen?.equals === o.value) })),
        ];
        // The follow-up stays open when it holds something or needs fixing, whatever is ticked.
        const followOpen = follow.some((n) => str(n.key) || errors[n.key]?.length);
        const group = (
          <ChoiceGroup
            key={f.key}
            {...common}
            multiple={f.kind === "multi"}
            badge={prefilled.includes(f.key) ? t.prefilled : undefined}
            options={options}
            defaultValue={f.kind === "multi" ? (Array.isArray(values[f.key]) ? (values[f.key] as string[]) : []) : str(f.key)}
          >
            {follow.length ? (
              <div className="pl-8" data-revealed="" data-open={followOpen ? "" : undefined}>
                {follow.map(render)}
              </div>
            ) : null}
          </ChoiceGroup>
        );
        // A question the walk answered, and the steps it went through (listed above the form), fold.
        const steps = f.kind === "multi" && prefilled.includes(f.key);
        if (!answered.includes(f.key) && !steps) return group;
        const picked = f.kind === "multi" ? (Array.isArray(values[f.key]) ? (values[f.key] as string[]) : []) : [str(f.key)];
        const chosen = picked.map((v) => options.find((o) => o.value === v)?.label ?? v).join("、");
        // Unfolded when the user changed the walk's answer or something in it needs fixing.
        const same = (a: string | string[] | undefined, b: string | string[] | undefined) =>
          Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a ?? []) === JSON.stringify(b ?? []) : a === b;
        const open = !same(values[f.key], initial[f.key]) || [f, ...follow].some((n) => errors[n.key]?.length);
        return (
          <details key={f.key} open={open} className="rounded-md border border-slate-300 px-3 py-2" data-testid={`answered-${f.key}`}>
            <summary className="cursor-pointer">
              <span className="font-semibold">{f.label[locale]}</span>: {chosen}{" "}
              <span className="text-sm text-brand-800 underline">{t.change}</span>
            </summary>
            <div className="mt-2">{group}</div>
          </details>
        );
      }
      case "file":
        return (
          <div key={f.key} className="space-y-1">
            <label htmlFor={`f-${f.key}`} className="block font-semibold">
              {f.label[locale]} <span className="ml-1 text-xs font-normal text-slate-600">({t.optional})</span>
            </label>
            {f.help ? (
              <p id={`f-${f.key}-help`} className="text-sm text-slate-700">
                {f.help[locale]}
              </p>
            ) : null}
            {state.status === "error" && state.hadFile ? (
              <p id={`f-${f.key}-again`} className="text-sm font-medium text-red-700">
                {t.fileAgain}
              </p>
            ) : null}
            <ScreenshotInput
              id={`f-${f.key}`}
              describedBy={[f.help ? `f-${f.key}-help` : "", errors[f.key] ? `f-${f.key}-error` : "", state.status === "error" && state.hadFile ? `f-${f.key}-again` : ""]}
              invalid={Boolean(errors[f.key])}
              tooLargeText={t.fileTooLarge}
            />
            {errors[f.key] ? (
              <p id={`f-${f.key}-error`} className="mt-1 text-sm font-medium text-red-700">
                {errors[f.key]!.join(" ")}
              </p>
            ) : null}
          </div>
        );
    }
  }

  const you = fields.filter((f) => f.common && ["name", "username", "affiliation", "email"].includes(f.key));
  const rest = fields.filter((f) => !you.includes(f) && !isNested(f));

  return (
    <div className="space-y-6">
      <p>{t.lead}</p>
      <div id="contact-warning" role="note" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">
        <p className="font-bold text-amber-900">{t.warningTitle}</p>
        <p className="mt-1 text-slate-900">{t.warning}</p>
      </div>
      {pathSteps.length ? (
        <section aria-labelledby="path-title" className="rounded-md border border-slate-300 bg-slate-50 p-4">
          <h2 id="path-title" className="font-bold">
            {t.pathTitle}
          </h2>
          <ol className="mt-2 list-decimal space-y-1 pl-6" data-testid="walk-path">
            {pathSteps.map((s) => (
              <li key={s.id}>{s.title}</li>
            ))}
          </ol>
          <p className="mt-2 text-sm text-slate-700">{t.pathLead}</p>
        </section>
      ) : null}
      <form action={formAction} key={state.status === "error" ? state.attempt : 0} noValidate className="space-y-8" aria-describedby="contact-warning">
        {state.status === "error" ? (
          <div ref={summaryRef} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="rounded-md border-2 border-red-700 bg-red-50 p-4">
            <h2 id="error-summary-title" className="font-bold text-red-800">
              {state.formError ?? t.summaryTitle(errorList.length + otherErrors.length)}
            </h2>
            {errorList.length || otherErrors.length ? (
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {errorList.map((f) => (
                  <li key={f}>
                    <a className="text-red-800 underline" href={`#${anchorId(f, grouped(byKey.get(f)!))}`}>
                      {labelOf(f)}: {errors[f]![0]}
                    </a>
                  </li>
                ))}
                {otherErrors.map((f) => (
                  <li key={f} className="text-red-800">
                    {labelOf(f)}: {errors[f]![0]}
                  </li>
                ))}
              </ul>
            ) : null}
            {state.hadFile ? <p className="mt-2 text-sm">{t.fileAgain}</p> : null}
          </div>
        ) : null}

        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="idempotencyKey" value={str("idempotencyKey") ?? ""} />
        {str("guide") ? <input type="hidden" name="guide" value={str("guide")} /> : null}
        {str("walk") ? <input type="hidden" name="walk" value={str("walk")} /> : null}

        {/* The honeypot: off-screen (not display:none, which some bots skip), hidden from assistive tech. */}
        <div aria-hidden="true" className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden">
          <label htmlFor="f-website">{t.honeypot}</label>
          <input id="f-website" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>

        <fieldset className="space-y-5">
          <legend className="mb-2 text-lg font-bold">{t.sectionYou}</legend>
          {you.map(render)}
        </fieldset>
        <fieldset className="space-y-5">
          <legend className="mb-2 text-lg font-bold">{t.sectionWhat}</legend>
          {rest.map(render)}
        </fieldset>

        <button
          type="submit"
          disabled={pending}
          className="inline-flex min-h-12 w-full items-center justify-center rounded-md bg-brand-700 px-6 text-lg font-bold text-white hover:bg-brand-800 disabled:opacity-70 sm:w-auto"
        >
          {pending ? t.sending : t.submit}
        </button>
      </form>
    </div>
  );
}
