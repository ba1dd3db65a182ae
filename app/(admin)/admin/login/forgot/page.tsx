import type { Metadata } from "next";
import Link from "next/link";
import { forgotPasswordAction } from "./actions";
import { ForgotForm } from "./_components/forgot-form";

export const metadata: Metadata = { title: "パスワードを忘れた場合" };

// Public: asking for a reset link needs no session (and reveals nothing about accounts).
export default function ForgotPasswordPage() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-bold">パスワードを忘れた場合</h1>
      <p className="mt-1 text-slate-700">スタッフアカウントのメールアドレスを入力してください。パスワード再設定のリンクをお送りします。</p>
      <ForgotForm action={forgotPasswordAction} />
      <p className="mt-4 text-center">
        <Link href="/admin/login" className="text-brand-800 underline">ログイン画面に戻る</Link>
      </p>
    </main>
  );
}
