// What keeps a guide from being published, each problem linked to the step it is on: on the guide's
// map and on its publish page.
import Link from "next/link";
import type { GuideProblem } from "@/lib/guide-editor/problems";
import { editorHref } from "../hrefs";

export function GuideProblems({ guideId, problems, testId }: { guideId: string; problems: GuideProblem[]; testId: string }) {
  if (!problems.length) return null;
  return (
    <section aria-labelledby="problems-title" className="rounded border border-red-300 bg-red-50 p-4" data-testid={testId}>
      <h2 id="problems-title" className="text-lg font-bold text-red-900">公開できない問題({problems.length}件)</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {problems.map((p, i) => (
          <li key={i}>
            {p.stepId ? <Link href={editorHref(guideId, `steps/${p.stepId}`)} className="text-brand-700 underline">{p.where}</Link> : p.where}:{p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
