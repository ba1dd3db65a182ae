import type { Locale } from "@/lib/i18n";

const TEXT = {
  ja: { label: "ヘルプを検索", placeholder: "例: 証明書 失効", submit: "検索" },
  en: { label: "Search help", placeholder: "e.g. revoked certificate", submit: "Search" },
} as const;

/** A plain GET form: search works without JavaScript and its result pages can be linked. */
export function SearchForm({ locale, defaultValue, id = "q", size = "large" }: { locale: Locale; defaultValue?: string; id?: string; size?: "large" | "small" }) {
  const t = TEXT[locale];
  const small = size === "small";
  return (
    // data-page-search marks a page's own search box; the header's box then hides (globals.css).
    <form role="search" action={`/${locale}/search`} method="get" className="flex w-full gap-2" data-page-search={small ? undefined : ""}>
      <label htmlFor={id} className="sr-only">
        {t.label}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder={t.placeholder}
        maxLength={200}
        className={`min-h-11 min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 text-slate-900 placeholder:text-slate-600 ${small ? "text-base" : "text-lg"}`}
      />
      <button
        type="submit"
        className={`min-h-11 shrink-0 rounded-md px-4 font-bold ${small ? "bg-white text-brand-800" : "bg-brand-700 text-white hover:bg-brand-800"}`}
      >
        {t.submit}
      </button>
    </form>
  );
}
