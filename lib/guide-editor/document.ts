// The guide document as part content stores it in a ContentVersion (docs/decisions/0025): the
// guide.json object and every .mdx source per locale, keyed "index" or the step id.
import type { GuideDeclaration } from "@/lib/guides/declaration";
import type { Locale } from "@/lib/i18n";

export type GuideDocument = { declaration: GuideDeclaration; texts: Record<Locale, Record<string, string>> };
