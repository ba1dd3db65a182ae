import Link from "next/link";
import type { Locale } from "@/lib/i18n";

export type TrailItem = { label: string; href: string };

const TEXT = { ja: { trail: "これまでの手順" }, en: { trail: "Your path so far" } } as const;

/** The walk so far (STEP0 › STEP2 › STEP2-3); each earlier step links back to where it was. */
export function Trail({ items, locale }: { items: TrailItem[]; locale: Locale }) {
  return (
    <nav aria-label={TEXT[locale].trail} className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-1">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={item.href} className="flex items-center gap-1">
              {last ? (
                <span aria-current="step" className="rounded bg-brand-50 px-2 py-1 font-bold text-brand-800">
                  {item.label}
                </span>
              ) : (
                <>
                  <Link href={item.href} className="inline-flex min-h-11 items-center px-1 text-brand-700 underline underline-offset-2">
                    {item.label}
                  </Link>
                  <span aria-hidden="true" className="text-slate-500">
                    ›
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
