"use client";
// The contact form (issue 4). A plain <form action={serverAction}>: it works without JavaScript (the
// page re-renders with errors and values); with JavaScript errors show without a reload and focus
// moves to the first invalid field.
import "@/lib/validation/zod-jitless";
import { useActionState, useEffect, useRef } from "react";
import { submitContact } from "../actions";
import type { ContactState, FormValues } from "../contact-state";
import { T } from "../messages";
import { ContactDone } from "./contact-done";
import { anchorId, ChoiceGroup, TextField } from "@/components/intake/fields";
import { ScreenshotInput } from "@/components/intake/screenshot-input";
import type { Locale } from "@/lib/i18n";
import { AFFILIATION, CONTACT_FORM_LOGIN, EXTRA_TRIED, FACTOR, MESSAGE_SHOWN, NETWORK, SERVICE, STOPS_AT } from "@/lib/ticket-fields";
import { FIELD_ORDER, LIMITS } from "@/lib/validation/intake";

const GROUPED = new Set(["affiliation", "network", "service", "messageShown", "factor", "stopsAt", "contactFormLogin", "tried"]);

type Props = {
  locale: Locale;
  initial: FormValues;
  prefilled: string[];
  pathSteps: { id: string; title: string }[];
  maxFailedAt: string;
};

export function ContactForm({ locale, initial, prefilled, pathSteps, maxFailedAt }: Props) {
  const t = T[locale];
  const [state, formAction, pending] = useActionState<ContactState, FormData>(submitContact, { status: "idle" });
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.status !== "error") return;
    const first = FIELD_ORDER.find((f) => state.errors[f]?.length);
    const target = first ? document.getElementById(anchorId(first, GROUPED.has(first))) : summaryRef.current;
    target?.focus();
  }, [state]);

  if (state.status === "done") return <ContactDone locale={locale} state={state} />;

  const values = state.status === "error" ? state.values : initial;
  const errors = state.status === "error" ? state.errors : {};
  const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const marks = { required: t.required, optional: t.optional };
  const options = (v: { values: readonly string[]; label: (value: string, l: Locale) => string }) =>
    v.values.map((value) => ({ value, label: v.label(value, locale) }));
  const badge = (name: string) => (prefilled.includes(name) ? t.prefilled : undefined);
  const errorList = FIELD_ORDER.filter((f) => errors[f]?.length);
  // Errors on fields the user cannot see (a tampered hidden value): named, without a link.
  const otherErrors = Object.keys(errors).filter((f) => errors[f]?.length && !(FIELD_ORDER as readonly string[]).includes(f));
  const labelOf = (f: string) => (Object.hasOwn(t, f) && typeof (t as Record<string, unknown>)[f] === "string" ? ((t as Record<string, unknown>)[f] as string) : t.form);
  const triedOptions = [
    ...pathSteps.map((s) => ({ value: s.id, label: s.title })),
    ...options(EXTRA_TRIED),
  ];

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
                  <a className="text-red-800 underline" href={`#${anchorId(f, GROUPED.has(f))}`}>
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
        <TextField name="name" label={t.name} required marks={marks} autoComplete="name" maxLength={LIMITS.name} defaultValue={str("name")} error={errors.name} />
        <TextField
          name="username"
          label={t.username}
          help={t.usernameHelp}
          required
          marks={marks}
          autoComplete="username"
          spellCheck={false}
          maxLength={LIMITS.username + 20}
          defaultValue={str("username")}
          error={errors.username}
        />
        <ChoiceGroup name="affiliation" label={t.affiliation} required marks={marks} options={options(AFFILIATION)} defaultValue={str("affiliation")} error={errors.affiliation} />
        <TextField
          name="email"
          type="email"
          label={t.email}
          help={t.emailHelp}
          required
          marks={marks}
          autoComplete="email"
          inputMode="email"
          maxLength={LIMITS.email}
          defaultValue={str("email")}
          error={errors.email}
        />
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="mb-2 text-lg font-bold">{t.sectionWhat}</legend>
        <TextField name="failedAt" type="datetime-local" label={t.failedAt} help={t.failedAtHelp} required marks={marks} max={maxFailedAt} defaultValue={str("failedAt")} error={errors.failedAt} />
        <ChoiceGroup name="service" label={t.service} required marks={marks} options={options(SERVICE)} defaultValue={str("service")} error={errors.service}>
          <div className="pl-8">
            <TextField name="serviceOther" label={t.serviceOther} marks={marks} maxLength={LIMITS.serviceOther} defaultValue={str("serviceOther")} error={errors.serviceOther} />
          </div>
        </ChoiceGroup>
        <ChoiceGroup
          name="messageShown"
          label={t.messageShown}
          required
          marks={marks}
          badge={badge("messageShown")}
          options={options(MESSAGE_SHOWN)}
          defaultValue={str("messageShown")}
          error={errors.messageShown}
        >
          <div className="pl-8">
            <TextField name="messageOther" label={t.messageOther} marks={marks} multiline maxLength={LIMITS.messageOther} defaultValue={str("messageOther")} error={errors.messageOther} />
          </div>
        </ChoiceGroup>
        <ChoiceGroup name="network" label={t.network} required marks={marks} badge={badge("network")} options={options(NETWORK)} defaultValue={str("network")} error={errors.network} />
        <ChoiceGroup name="factor" label={t.factor} required marks={marks} badge={badge("factor")} options={options(FACTOR)} defaultValue={str("factor")} error={errors.factor} />
        <ChoiceGroup name="stopsAt" label={t.stopsAt} required marks={marks} badge={badge("stopsAt")} options={options(STOPS_AT)} defaultValue={str("stopsAt")} error={errors.stopsAt} />
        <ChoiceGroup
          name="contactFormLogin"
          label={t.contactFormLogin}
          required
          marks={marks}
          badge={badge("contactFormLogin")}
          options={options(CONTACT_FORM_LOGIN)}
          defaultValue={str("contactFormLogin")}
          error={errors.contactFormLogin}
        />
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="mb-2 text-lg font-bold">{t.sectionTried}</legend>
        <ChoiceGroup
          name="tried"
          label={t.tried}
          multiple
          marks={marks}
          badge={badge("tried")}
          options={triedOptions}
          defaultValue={Array.isArray(values.tried) ? values.tried : []}
          error={errors.tried}
        />
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="mb-2 text-lg font-bold">{t.sectionMore}</legend>
        <TextField name="device" label={t.device} help={t.deviceHelp} marks={marks} maxLength={LIMITS.device} defaultValue={str("device")} error={errors.device} />
        <fieldset className="space-y-2 rounded-md border border-slate-300 p-3">
          <legend className="px-1 font-semibold">{t.certTitle}</legend>
          <TextField
            name="certificateInfo"
            label={t.certificateInfo}
            help={t.certificateInfoHelp}
            marks={marks}
            maxLength={LIMITS.certificateInfo}
            defaultValue={str("certificateInfo")}
            error={errors.certificateInfo}
          />
        </fieldset>
        <div className="space-y-1">
          <label htmlFor="f-screenshot" className="block font-semibold">
            {t.screenshot}{" "}
            <span className="ml-1 text-xs font-normal text-slate-600">({t.optional})</span>
          </label>
          <p id="f-screenshot-help" className="text-sm text-slate-700">
            {t.screenshotHelp}
          </p>
          {state.status === "error" && state.hadFile ? (
            <p id="f-screenshot-again" className="text-sm font-medium text-red-700">
              {t.fileAgain}
            </p>
          ) : null}
          <ScreenshotInput
            id="f-screenshot"
            describedBy={["f-screenshot-help", errors.screenshot ? "f-screenshot-error" : "", state.status === "error" && state.hadFile ? "f-screenshot-again" : ""]}
            invalid={Boolean(errors.screenshot)}
            tooLargeText={t.fileTooLarge}
          />
          {errors.screenshot ? (
            <p id="f-screenshot-error" className="mt-1 text-sm font-medium text-red-700">
              {errors.screenshot.join(" ")}
            </p>
          ) : null}
        </div>
        <TextField
          name="description"
          label={t.description}
          help={t.descriptionHelp}
          required
          multiline
          marks={marks}
          maxLength={LIMITS.description}
          defaultValue={str("description")}
          error={errors.description}
        />
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
