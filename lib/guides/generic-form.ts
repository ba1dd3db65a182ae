// The contact form without a guide (issue 9): the common fields and one question, the topic, whose
// options are the topics of the published guides' catalog entries. It is a form declaration like a
// guide's, so the schema, the form, the summary and staff views read it the same way; never the SSO
// questions. Tickets filed with it get the reserved prefix GEN (lib/guides/registry.ts).
import { getGuide, getTopics, listGuideIds, liveSnapshot } from "@/lib/content";
import type { ContentSnapshot } from "@/lib/content/snapshot";
import type { FieldDeclaration, GuideDeclaration } from "@/lib/guides/declaration";

export const GENERIC_PREFIX = "GEN";

const OTHER_TOPIC = { value: "other", label: { ja: "その他・わからない", en: "Something else, or not sure" } };

const forms = new WeakMap<ContentSnapshot, Pick<GuideDeclaration, "form">>();

/**
 * The generic form's declaration: a topic, then the common fields in their default places. One
 * object per live content snapshot, so that the intake's schema cache (lib/guides/intake-schema.ts
 * parseIntake) can key on it; a publish makes a new snapshot and so a new form.
 */
export function genericForm(): Pick<GuideDeclaration, "form"> {
  const snapshot = liveSnapshot();
  let form = forms.get(snapshot);
  if (!form) forms.set(snapshot, (form = buildGenericForm()));
  return form;
}

function buildGenericForm(): Pick<GuideDeclaration, "form"> {
  const topics = getTopics();
  const used = [...new Set(listGuideIds().map((id) => getGuide(id)!.catalog.topic))].filter((t) => Object.hasOwn(topics, t));
  const topic: FieldDeclaration = {
    key: "topic",
    kind: "single",
    label: { ja: "お問い合わせの種類", en: "What it is about" },
    required: "always",
    options: [...used.map((t) => ({ value: t, label: topics[t] })), OTHER_TOPIC],
  };
  const screenshot: FieldDeclaration = {
    key: "screenshot",
    kind: "file",
    label: { ja: "スクリーンショット", en: "Screenshot" },
    help: { ja: "PNG・JPEG・WebP形式、5MBまで。パスワードなどが写っていないか確認してください。", en: "PNG, JPEG or WebP, up to 5 MB. Check that no password is visible on it." },
    required: "optional",
  };
  // The topic first; the screenshot just before the description, as on a guide's form.
  return { form: { fields: [topic, { common: "failedAt" }, { common: "device" }, screenshot, { common: "description" }] } };
}
