// The 404 page for every URL no route knows, including guide walks, articles and paths under a locale
// that were not pre-rendered (dynamicParams = false, issue 8). Next serves it at the routing level,
// without a layout and without writing anything per path. It cannot know the locale, so it speaks both.
import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = { title: "ページが見つかりません / Page not found" };

export default function GlobalNotFound() {
  return (
    <html lang="ja">
      <body className="flex min-h-screen flex-col">
        <main id="main" className="mx-auto w-full max-w-3xl flex-1 space-y-4 px-4 py-6">
          <h1 className="text-2xl font-bold">
            ページが見つかりません / <span lang="en">Page not found</span>
          </h1>
          <p>
            <Link className="text-brand-700 underline" href="/ja">
              ITヘルプセンターのトップへ
            </Link>{" "}
            ·{" "}
            <Link className="text-brand-700 underline" href="/en" lang="en">
              Help center home
            </Link>
          </p>
        </main>
      </body>
    </html>
  );
}
