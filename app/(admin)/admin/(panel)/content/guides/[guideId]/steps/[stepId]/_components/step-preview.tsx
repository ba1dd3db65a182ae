// The draft step rendered with the public page's own pieces (title, Markdown with the help
// components, the question and choices), for one language.
import { ChoiceList } from "@/components/help/choice-list";
import { Prose, mdxComponents } from "@/components/help/mdx-components";
import { getGuideDeclaration, getStepContent, type ContentSnapshot } from "@/lib/content";
import { shortestWalks, stepOf } from "@/lib/guide-graph";
import { guideHref } from "@/lib/help-urls";
import type { Locale } from "@/lib/i18n";

export async function StepPreview({ snapshot, guideId, stepId, locale }: { snapshot: ContentSnapshot; guideId: string; stepId: string; locale: Locale }) {
  const guide = getGuideDeclaration(guideId, snapshot);
  const step = guide ? stepOf(guide, stepId) : undefined;
  const content = guide && step ? await getStepContent(guideId, locale, stepId, snapshot).catch(() => null) : null;
  const label = locale === "ja" ? "日本語" : "英語";
  if (!guide || !step || !content) {
    return (
      <div lang={locale} className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
        {label}のプレビューは、下書きの問題を直すと表示されます。
      </div>
    );
  }
  const walk = shortestWalks(guide).get(stepId) ?? [];
  const { Content } = content.doc;
  const choices = step.choices.map((c) => ({ id: c.id, label: content.frontmatter.choices[c.id] ?? c.id, href: guideHref(locale, guideId, [...walk, c.id]) }));
  return (
    <article lang={locale} aria-label={`${label}のプレビュー`} className="min-w-0 rounded border border-slate-300 bg-white p-4" data-testid={`preview-${locale}`}>
      <p className="text-2xl font-bold leading-snug">{content.frontmatter.title}</p>
      <Prose>
        <Content components={mdxComponents(locale, { contact: { guideId, walk } })} />
      </Prose>
      {choices.length ? <ChoiceList id={`preview-${locale}-choices`} question={content.frontmatter.question ?? ""} choices={choices} /> : null}
    </article>
  );
}
