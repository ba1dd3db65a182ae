import type { Metadata } from "next";
import { HistoryPage } from "../../../_components/history-page";

export const metadata: Metadata = { title: "履歴" };

export default async function GuideHistory({ params, searchParams }: { params: Promise<{ guideId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { guideId } = await params;
  return <HistoryPage kind="guide" itemKey={guideId} searchParams={searchParams} />;
}
