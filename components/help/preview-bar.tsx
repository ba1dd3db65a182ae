// Shown above a help page rendered from drafts (issue 12): editors must never mistake a preview for
// what the public sees. Staff-facing, so Japanese only (decision 0005).
import { DRAFT_PREVIEW_EXIT } from "@/lib/help-urls";

export function PreviewBar({ path }: { path: string }) {
  return (
    <div role="status" data-testid="preview-bar" className="mb-4 flex flex-wrap items-center justify-between gap-2 rounded border-2 border-amber-600 bg-amber-50 px-3 py-2 text-amber-950">
      <strong>プレビュー(下書き)</strong>
      <span className="text-sm">公開前の内容です。一般の利用者には公開中の版が表示されます。</span>
      <a href={`${DRAFT_PREVIEW_EXIT}?to=${encodeURIComponent(path)}`} className="inline-flex min-h-11 items-center font-semibold underline underline-offset-2">
        プレビューを終わる
      </a>
    </div>
  );
}
