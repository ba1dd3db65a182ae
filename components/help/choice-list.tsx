import Link from "next/link";

export type ChoiceItem = { id: string; label: string; href: string };

/** The step's question and its choices as large tap targets (plain links: they work without JS). */
export function ChoiceList({ id, question, choices }: { id: string; question: string; choices: ChoiceItem[] }) {
  return (
    <section id={id} aria-labelledby={`${id}-question`} className="my-8 scroll-mt-4">
      <h2 id={`${id}-question`} className="mb-3 text-xl font-bold">
        {question}
      </h2>
      <ul className="grid gap-3">
        {choices.map((choice) => (
          <li key={choice.id}>
            <Link
              href={choice.href}
              data-choice={choice.id}
              className="flex min-h-14 w-full items-center justify-between gap-3 rounded-lg border-2 border-brand-600 bg-white px-4 py-3 text-left font-semibold text-brand-800 no-underline shadow-sm hover:bg-brand-50 focus-visible:bg-brand-50"
            >
              <span className="min-w-0 break-words">{choice.label}</span>
              <span aria-hidden="true" className="shrink-0 text-xl">
                →
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
