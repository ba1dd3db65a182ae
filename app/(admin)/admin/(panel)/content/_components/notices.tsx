// The notices the library's pages show after an action's redirect (`?done=` / `?error=`), and the
// list of problems that keep a version from being published.
import Link from "next/link";
import type { ContentProblem } from "@/lib/content/validate";
import type { ConflictVersion } from "../problems";
import { formatDateTime } from "@/components/admin/format";

const DONE: Record<string, (p: Record<string, string | undefined>) => string> = {
  published: (p) => `版${p.number}を公開しました。公開ページには数秒で反映されます。`,
  restored: (p) => `版${p.from}の内容を新しい版${p.number}(下書き)として復元しました。公開すると公開ページに戻ります。`,
  saved: (p) => `版${p.number}(下書き)を保存しました。`,
  created: () => "作成しました(下書き)。内容を確認して公開してください。",
  owner: () => "担当者と見直し期限を保存しました。",
  unpublished: () => "公開を停止しました。公開ページは数秒で表示されなくなります(版は残っています)。",
};
const ERROR: Record<string, string> = {
  "not-found": "この項目は見つかりません。",
  "no-version": "指定した版は見つかりません。",
  owner: "担当者と見直し期限を保存できませんでした。担当者は有効な編集者か管理者から、期限は正しい日付で選んでください。",
  publish: "公開できませんでした。次の点を直してください。",
  unpublish: "この記事にリンクしている公開中のページがあるため、公開を停止できません。先にリンクを外して公開してください。",
};

export function ActionNotice({ params, problems, references }: { params: Record<string, string | undefined>; problems?: ContentProblem[]; references?: string[] }) {
  const { done, error } = params;
  if (error && Object.hasOwn(ERROR, error)) {
    return (
      <div role="alert" className="rounded border border-red-300 bg-red-50 p-3" data-testid="action-error">
        <p>{ERROR[error]}</p>
        {problems?.length ? <ProblemList problems={problems} /> : null}
        {references?.length ? (
          <ul className="mt-2 list-disc pl-6" data-testid="references">
            {references.map((r) => <li key={r}>{r}</li>)}
          </ul>
        ) : null}
      </div>
    );
  }
  if (done && Object.hasOwn(DONE, done)) {
    return <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3" data-testid="action-done">{DONE[done](params)}</p>;
  }
  return null;
}

export function ProblemList({ problems }: { problems: ContentProblem[] }) {
  return (
    <ul className="mt-2 list-disc space-y-1 pl-6" data-testid="problems">
      {problems.map((p, i) => (
        <li key={i}>
          <strong className="break-words">{p.where}</strong>: <span className="break-words">{p.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** "Someone saved meanwhile": what they saved, with a link to the difference. */
export function ConflictNotice({ since, compareHref }: { since: ConflictVersion[]; compareHref: string }) {
  return (
    <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="conflict">
      <p className="font-semibold">この画面を開いた後に、ほかの人が保存しました。入力した内容はそのまま残っています。</p>
      <ul className="mt-2 list-disc pl-6">
        {since.map((v) => (
          <li key={v.number}>
            版{v.number}: {formatDateTime(v.createdAt)} {v.authorName ?? "取り込み"}
            {v.note ? `「${v.note}」` : ""}
          </li>
        ))}
      </ul>
      <p className="mt-2">
        <Link href={compareHref} className="text-brand-700 underline" target="_blank">変更内容を別のタブで見る</Link>
        。確認してからもう一度保存すると、最新の版の上にこの内容を保存します。
      </p>
    </div>
  );
}
