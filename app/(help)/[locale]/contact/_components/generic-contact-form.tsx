// The contact form without a guide (issue 9): the common fields and a topic, from the generic form
// declaration (lib/guides/generic-form.ts), never the SSO questions. Its own component so that the
// "find a guide first" chooser in front of it (same route, ?guide=none to come here) merges easily.
import { formFields } from "@/lib/guides/form-fields";
import { genericForm } from "@/lib/guides/generic-form";
import type { Locale } from "@/lib/i18n";
import type { FormValues } from "../contact-state";
import { ContactForm } from "./contact-form";

export function GenericContactForm({ locale, initial, maxFailedAt }: { locale: Locale; initial: FormValues; maxFailedAt: string }) {
  return (
    <ContactForm locale={locale} fields={formFields(genericForm())} initial={initial} prefilled={[]} answered={[]} pathSteps={[]} maxFailedAt={maxFailedAt} />
  );
}
