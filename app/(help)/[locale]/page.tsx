import Link from "next/link";
import { notFound } from "next/navigation";
import { isLocale } from "@/lib/i18n";

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const ja = locale === "ja";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{ja ? "ITヘルプセンター" : "IT Help Center"}</h1>
      <p>
        <Link className="text-brand-700 underline" href={`/${locale}/guides/jaist-sso`}>
          {ja ? "JAIST-SSOでログインに失敗する時は" : "When login fails in JAIST-SSO"}
        </Link>
      </p>
    </div>
  );
}
