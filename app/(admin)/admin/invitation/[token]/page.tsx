import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/admin/set-password-form";
import { TOKEN_PROBLEM_MESSAGES } from "@/lib/auth/token-messages";
import { checkStaffToken } from "@/lib/data/staff-tokens";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/staff";
import { acceptInvitationAction } from "./actions";

export const metadata: Metadata = { title: "招待を受ける", referrer: "no-referrer" };

// Public: the token in the path is the credential (checked here for display, and again when used).
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await checkStaffToken("invitation", token);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-bold">ヘルプデスク管理画面への招待</h1>
      {found.ok ? (
        <>
          <p className="mt-2 text-slate-700">
            {found.name} さん({found.email})のパスワードを設定すると、アカウントが作られます。
          </p>
          <SetPasswordForm action={acceptInvitationAction} token={token} email={found.email} submitLabel="パスワードを設定" minLength={MIN_PASSWORD_LENGTH} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900">
            {TOKEN_PROBLEM_MESSAGES.invitation[found.problem]}
          </p>
          <p className="mt-4">
            <Link href="/admin/login" className="text-brand-800 underline">ログイン画面へ</Link>
          </p>
        </>
      )}
    </main>
  );
}
