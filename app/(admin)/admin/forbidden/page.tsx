import Link from "next/link";

export const metadata = { title: "権限がありません" };

// Where requireAdmin() sends a signed-in agent. Shows nothing but the refusal.
export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-bold">権限がありません</h1>
      <p className="mt-2">このページは管理者(admin)だけが使えます。必要な場合は管理者に依頼してください。</p>
      <p className="mt-4">
        <Link href="/admin/tickets" className="inline-flex min-h-11 items-center text-brand-700 underline">
          チケット一覧へ戻る
        </Link>
      </p>
    </main>
  );
}
