import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { csrfCookieName, csrfTokenFromCookie } from "@/lib/auth/csrf";
import { LOGIN_EMAIL_COOKIE, plausibleLoginEmail } from "@/lib/auth/login-email";
import { currentStaff } from "@/lib/auth/guards";
import { oidcEnabled } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "ログイン" };

const T = {
  title: "スタッフログイン",
  lead: "ヘルプデスク担当者用の管理画面です。",
  email: "メールアドレス",
  password: "パスワード",
  submit: "ログイン",
  oidc: "学内認証(SSO)でログイン",
  or: "または",
  errors: {
    CredentialsSignin: "メールアドレスまたはパスワードが違います。",
    RateLimited: "ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってからお試しください。",
    Inactive: "このアカウントは無効になっています。管理者にお問い合わせください。",
    AccessDenied: "このアカウントではログインできません。管理者にお問い合わせください。",
    SessionRequired: "続けるにはログインしてください。",
    default: "ログインできませんでした。もう一度お試しください。",
  } as Record<string, string>,
  noCookies: "Cookie が無効なためログインできません。ブラウザの設定で Cookie を許可してください。",
  forgot: "パスワードを忘れた場合",
  notices: {
    "password-set": "パスワードを設定しました。新しいパスワードでログインしてください。",
    "password-reset": "パスワードを再設定しました。ほかの端末のログインは終了しています。新しいパスワードでログインしてください。",
  } as Record<string, string>,
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const param = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const callbackUrl = safeCallbackPath(param("callbackUrl"), env().APP_URL, "/admin");
  const error = param("error");
  const noticeKey = param("notice");
  const notice = noticeKey && Object.hasOwn(T.notices, noticeKey) ? T.notices[noticeKey] : null;

  if (await currentStaff()) redirect(callbackUrl);

  const jar = await cookies();
  const token = csrfTokenFromCookie(jar.get(csrfCookieName(await headers()))?.value);
  const typedEmail = plausibleLoginEmail(jar.get(LOGIN_EMAIL_COOKIE)?.value);
  if (!token && !param("csrf")) {
    const qs = new URLSearchParams({ callbackUrl });
    if (error) qs.set("error", error);
    if (noticeKey) qs.set("notice", noticeKey);
    redirect(`/api/admin/csrf?${qs}`);
  }

  const message = error ? (Object.hasOwn(T.errors, error) ? T.errors[error] : T.errors.default) : !token ? T.noCookies : null;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="text-2xl font-bold">{T.title}</h1>
      <p className="mt-1 text-slate-700">{T.lead}</p>
      {message ? (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {message}
        </p>
      ) : null}
      {notice && !message ? (
        <p role="status" className="mt-4 rounded border border-emerald-300 bg-emerald-50 p-3">
          {notice}
        </p>
      ) : null}
      <form method="post" action="/api/auth/callback/credentials" className="mt-6 space-y-4">
        <input type="hidden" name="csrfToken" value={token ?? ""} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <div>
          <label htmlFor="email" className="block font-medium">
            {T.email}
          </label>
          <input id="email" name="email" type="email" autoComplete="username" required defaultValue={typedEmail}
            className="mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-3" />
        </div>
        <div>
          <label htmlFor="password" className="block font-medium">
            {T.password}
          </label>
          <input id="password" name="password" type="password" autoComplete="current-password" required
            className="mt-1 block min-h-11 w-full rounded border border-slate-400 bg-white px-3" />
        </div>
        <button type="submit" className="min-h-11 w-full rounded bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          {T.submit}
        </button>
      </form>
      <p className="mt-4 text-center">
        <Link href="/admin/login/forgot" className="text-brand-800 underline">
          {T.forgot}
        </Link>
      </p>
      {oidcEnabled() ? (
        <form method="post" action="/api/auth/signin/oidc" className="mt-6 border-t border-slate-300 pt-6">
          <p className="mb-2 text-center text-sm text-slate-600">{T.or}</p>
          <input type="hidden" name="csrfToken" value={token ?? ""} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="min-h-11 w-full rounded border border-brand-700 bg-white px-4 font-semibold text-brand-800">
            {T.oidc}
          </button>
        </form>
      ) : null}
    </main>
  );
}
