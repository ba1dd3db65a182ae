// A search match as text with its matched parts marked: the search page and the contact chooser's
// suggestions. Text only, never HTML: the content is ours, but it is still rendered as text.
import type { MarkedText as Parts } from "@/lib/search";

export function MarkedText({ parts }: { parts: Parts }) {
  return (
    <>
      {parts.map((part, i) =>
        part.mark ? (
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-slate-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
