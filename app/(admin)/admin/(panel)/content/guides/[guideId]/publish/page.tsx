// Before publishing a guide's draft (issue 12): what it changes for readers (walks that stop
// existing and where they will redirect) and for stored data (open tickets and analytics on removed
// steps), then the publish button. Nothing here is cached: the figures are read when the page opens.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireEditor } from "@/lib/auth/guards";
import { countStoredImpact } from "@/lib/data/guide-impact";
import { getGuideForEditor } from "@/lib/data/guide-editor";
import { graphImpact } from "@/lib/guide-editor/impact";
import { guidePublishProblems } from "@/lib/guide-editor/save";
import { guideHref } from "@/lib/help-urls";
import { editorHref } from "../hrefs";
import { publishGuideAction } from "./actions";
import { PublishForm } from "./_components/publish-form";
import { GuideProblems } from "../_components/guide-problems";

export const metadata: Metadata = { title: "ガイドの公開" };

const SHOWN_WALKS = 50;

export default async function PublishGuidePage({ params }: { params: Promise<{ guideId: string }> }) {
  const { guideId } = await params;
  await requireEditor(editorHref(guideId, "publish"));
  const guide = await getGuideForEditor(guideId);
  if (!guide) notFound();
  const { head, live } = guide;
  const problems = await guidePublishProblems(guideId, head.document);
  const impact = live ? graphImpact(live.document.declaration, head.document.declaration) : null;
  const stored = impact ? await countStoredImpact(guideId, impact.removedSteps) : null;
  const upToDate = live?.number === head.number;
  return (
    <div className="min-w-0 space-y-4">
      <nav aria-label="パンくず" className="text-sm">
        <Link href="/admin/content" className="text-brand-700 underline">コンテンツ</Link> /{" "}
        <Link href={editorHref(guideId)} className="text-brand-700 underline">ガイドの地図</Link> / 公開
      </nav>
      <h1 className="text-2xl font-bold">公開の影響</h1>
      <p>
        第{head.number}版を公開します{live ? `(いま公開中は第${live.number}版)` : "(初めての公開)"}。
        {upToDate ? "この版はすでに公開されています。" : ""}
      </p>

      <GuideProblems guideId={guideId} problems={problems} testId="publish-problems" />

      {impact && stored ? (
        <section aria-labelledby="impact-title" className="rounded border border-slate-300 bg-white p-4" data-testid="impact">
          <h2 id="impact-title" className="text-lg font-bold">読む人と記録への影響</h2>
          <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium">削除されるステップ</dt>
            <dd data-testid="impact-removed-steps">{impact.removedSteps.length ? impact.removedSteps.join("、") : "なし"}</dd>
            <dt className="font-medium">追加されるステップ</dt>
            <dd>{impact.addedSteps.length ? impact.addedSteps.join("、") : "なし"}</dd>
            <dt className="font-medium">なくなる道順(URL)</dt>
            <dd data-testid="impact-lost-walks">{impact.lostWalks.length}件(全{impact.totalWalks}件中)</dd>
            <dt className="font-medium">削除されるステップを通った未完了の問い合わせ</dt>
            <dd data-testid="impact-open-tickets">{stored.openTickets}件(ステップのIDは記録に残り、担当者の画面では「削除されたステップ」と表示されます)</dd>
            <dt className="font-medium">削除されるステップの閲覧記録</dt>
            <dd data-testid="impact-views">{stored.stepViewRows}行・{stored.views}回分</dd>
            <dt className="font-medium">削除されるステップの「解決しましたか?」の回答</dt>
            <dd data-testid="impact-feedback">{stored.feedbackRows}件</dd>
          </dl>
          <p className="mt-2 text-sm">閲覧記録と回答は消えません。ダッシュボードの集計には、削除されたステップの分として残ります。</p>
          {impact.lostWalks.length ? (
            <>
              <h3 className="mt-3 font-bold">なくなるURLと転送先</h3>
              <p className="text-sm">古いURLを開いた人は、その道順でまだ残っている一番深いステップへ転送されます。</p>
              <ul className="mt-1 space-y-1 text-sm break-all">
                {impact.lostWalks.slice(0, SHOWN_WALKS).map((w) => (
                  <li key={w.choices.join("/")}>
                    <code>{guideHref("ja", guideId, w.choices)}</code> → <code>{guideHref("ja", guideId, w.redirectTo)}</code>
                  </li>
                ))}
              </ul>
              {impact.lostWalks.length > SHOWN_WALKS ? <p className="text-sm">ほか{impact.lostWalks.length - SHOWN_WALKS}件(英語のURLも同じです)。</p> : null}
            </>
          ) : null}
        </section>
      ) : null}

      <PublishForm action={publishGuideAction} guideId={guideId} version={head.number} disabled={problems.length > 0 || upToDate} />
    </div>
  );
}
