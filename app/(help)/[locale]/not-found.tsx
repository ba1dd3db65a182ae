import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">ページが見つかりません / Page not found</h1>
      <p>
        <Link className="text-brand-700 underline" href="/ja">
          ITヘルプセンターのトップへ
        </Link>{" "}
        ·{" "}
        <Link className="text-brand-700 underline" href="/en" lang="en">
          Help center home
        </Link>
      </p>
    </div>
  );
}
