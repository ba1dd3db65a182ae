import type { Metadata } from "next";
import { HistoryPage } from "../../../_components/history-page";

export const metadata: Metadata = { title: "履歴" };

export default async function TopicHistory({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  return <HistoryPage kind="topic" itemKey={id} searchParams={searchParams} />;
}
