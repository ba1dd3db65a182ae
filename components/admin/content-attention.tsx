// The content library's two lists as counts on the staff dashboard, for editors and admins
// (issue 12): translations behind and items past their review-by date.
import Link from "next/link";
import { contentAttentionCounts } from "@/lib/data/content-library";

export async function ContentAttention() {
  const counts = await contentAttentionCounts();
  return (
    <section aria-labelledby="content-attention" className="rounded border border-slate-300 bg-white p-4" data-testid="content-attention">
      <h2 id="content-attention" className="text-lg font-bold">コンテンツの手入れ</h2>
      <ul className="mt-1 flex flex-wrap gap-x-6">
        <li>
          <Link href="/admin/content#stale-heading" className="inline-flex min-h-11 items-center text-brand-700 underline">
            翻訳が古い: <span className="ml-1 font-bold" data-testid="stale-count">{counts.staleTranslations}</span>件
          </Link>
        </li>
        <li>
          <Link href="/admin/content#overdue-heading" className="inline-flex min-h-11 items-center text-brand-700 underline">
            見直し期限切れ: <span className="ml-1 font-bold" data-testid="overdue-count">{counts.overdueReviews}</span>件
          </Link>
        </li>
      </ul>
    </section>
  );
}
