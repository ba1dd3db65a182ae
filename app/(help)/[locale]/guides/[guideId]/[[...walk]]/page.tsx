// A guide step. The URL is the walk of choice ids from the start (docs/architecture.md), so deep
// links, reload, back and the language switch all work, with or without JavaScript. Pre-rendered for
// every walk of the graph; re-rendered at most every 30 s for the status banner.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChoiceList } from "@/components/help/choice-list";
import { Prose, mdxComponents } from "@/components/help/mdx-components";
import { StatusCheck } from "@/components/help/status-banner";
import { Trail } from "@/components/help/trail";
import { ViewBeacon } from "@/components/help/view-beacon";
import { PreviewBar } from "@/components/help/preview-bar";
import { listGuideIds, getGuide, getGuideIntro, getStepContent, getStepFrontmatter, getStepTitle, type ContentSnapshot } from "@/lib/content";
import { previewSnapshot } from "@/lib/content-live/preview";
import { allWalks, endStep, replayWalk, stepOf, type Guide, type Walk } from "@/lib/guide-graph";
import { guideHref } from "@/lib/help-urls";
import { isLocale, type Locale } from "@/lib/i18n";
import { StepFeedback } from "../_components/step-feedback";

export const revalidate = 30;
// A step added in the product must get a page, so walks render on demand too (issue 12). Rendered on
// demand, every unknown path was cached as a page of its own (~6 files each under .next, ENAMETOOLONG
// for a long one): a disk anyone could fill (issue 8). So the proxy answers unknown walks with the
// not-found page before rendering, from the live content (lib/content/public-path.ts), and redirects
// an old walk of a removed step to its nearest surviving step.
export const dynamicParams = true;

type Params = { locale: string; guideId: string; walk?: string[] };

export function generateStaticParams() {
  return listGuideIds().flatMap((guideId) => allWalks(getGuide(guideId)!).map((walk) => ({ guideId, walk: walk.choices })));
}

const TEXT = {
  ja: { startOver: "最初からやり直す", guideTop: "ガイドの最初へ" },
  en: { startOver: "Start over", guideTop: "Back to the start of the guide" },
} as const;

/** The step a URL names, or why it names none. */
function resolve(params: Params, snapshot?: ContentSnapshot): { locale: Locale; guide: Guide; walk: Walk } | "no-guide" | "bad-walk" {
  if (!isLocale(params.locale)) return "no-guide";
  const guide = getGuide(params.guideId, snapshot);
  if (!guide) return "no-guide";
  // Choice ids are [a-z0-9-], so an id reads the same encoded or not; no decoding, so a malformed
  // escape (%E0%A4) is just another invalid walk rather than a URIError.
  const walk = replayWalk(guide, params.walk ?? []);
  return walk ? { locale: params.locale, guide, walk } : "bad-walk";
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const snapshot = await previewSnapshot();
  const resolved = resolve(await params, snapshot);
  if (typeof resolved === "string") return {};
  const { locale, guide, walk } = resolved;
  if (walk.choices.length === 0) {
    const intro = await getGuideIntro(guide.id, locale, snapshot);
    return { title: intro?.frontmatter.title, description: intro?.frontmatter.description };
  }
  const fm = getStepFrontmatter(guide.id, locale, endStep(walk), snapshot);
  return { title: fm?.title, description: fm?.description };
}

export default async function GuideStepPage({ params }: { params: Promise<Params> }) {
  const raw = await params;
  // Draft mode and an editor's session: the drafts; otherwise (always, for the public) the live content.
  const snapshot = await previewSnapshot();
  const resolved = resolve(raw, snapshot);
  // The proxy answers bad walks first; kept so that a change there cannot render a bad walk.
  if (typeof resolved === "string") notFound();
  const { locale, guide, walk } = resolved;
  const t = TEXT[locale];
  const stepId = endStep(walk);
  const step = stepOf(guide, stepId)!;
  const content = (await getStepContent(guide.id, locale, stepId, snapshot))!;
  const preview = snapshot ? <PreviewBar path={guideHref(locale, guide.id, walk.choices)} /> : null;
  const { Content } = content.doc;
  const choices = step.choices.map((choice) => ({
    id: choice.id,
    label: content.frontmatter.choices[choice.id],
    href: guideHref(locale, guide.id, [...walk.choices, choice.id]),
  }));
  const choicesId = `choices-${stepId}`;
  const question = content.frontmatter.question ?? "";

  if (walk.choices.length === 0) {
    const intro = (await getGuideIntro(guide.id, locale, snapshot))!;
    const { Content: Intro } = intro.intro;
    const Reference = intro.reference?.Content;
    return (
      <article>
        {preview}
        <h1 className="text-2xl font-bold leading-snug">{intro.frontmatter.title}</h1>
        <Prose>
          <Intro components={mdxComponents(locale, { snapshot })} />
        </Prose>
        <section aria-labelledby={`title-${stepId}`} className="mt-6 rounded-lg border border-slate-300 p-4">
          <h2 id={`title-${stepId}`} className="text-xl font-bold leading-snug">
            {content.frontmatter.title}
          </h2>
          <Prose>
            <Content components={mdxComponents(locale, { shiftHeadings: true, snapshot })} />
          </Prose>
          <ChoiceList id={choicesId} question={question} choices={choices} />
        </section>
        {Reference ? (
          <Prose>
            <Reference components={mdxComponents(locale, { snapshot })} />
          </Prose>
        ) : null}
        <ViewBeacon guideId={guide.id} stepId={stepId} />
      </article>
    );
  }

  const trail = walk.steps.map((id, i) => ({
    label: getStepTitle(guide.id, id, locale, snapshot) ?? stepOf(guide, id)!.label,
    href: guideHref(locale, guide.id, walk.choices.slice(0, i)),
  }));
  return (
    <article>
      {preview}
      <Trail items={trail} locale={locale} />
      <h1 className="text-2xl font-bold leading-snug">{content.frontmatter.title}</h1>
      {step.contact ? <StatusCheck locale={locale} /> : null}
      <Prose>
        <Content components={mdxComponents(locale, { contact: { guideId: guide.id, walk: walk.choices }, snapshot })} />
      </Prose>
      {/* A leaf gives advice and asks "solved?", its choices being the ways on when it is not. The
          other steps only ask where to go (STEP2: where are you?), so they ask nothing else. */}
      {step.leaf ? (
        <StepFeedback guideId={guide.id} stepId={stepId} locale={locale} walk={walk.choices} prompt={question} wayOn={choices} />
      ) : choices.length ? (
        <ChoiceList id={choicesId} question={question} choices={choices} />
      ) : null}
      <p className="mt-6">
        <Link href={guideHref(locale, guide.id)} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
          ↺ {t.startOver}
        </Link>
      </p>
      <ViewBeacon guideId={guide.id} stepId={stepId} />
    </article>
  );
}
