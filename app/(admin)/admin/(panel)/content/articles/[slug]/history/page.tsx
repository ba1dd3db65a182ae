import type { Metadata } from "next";
import { HistoryPage } from "../../../_components/history-page";

export const metadata: Metadata = { title: "履歴" };

export default async function ArticleHistory({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params;
  return <HistoryPage kind="article" itemKey={slug} searchParams={searchParams} />;
}
