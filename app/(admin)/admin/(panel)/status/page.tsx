import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { listServiceStatuses } from "@/lib/data/service-status";
import { formatJstDateTime } from "@/lib/jst";
import { saveServiceStatus } from "./actions";
import { ServiceStatusForm } from "./_components/service-status-form";

export const metadata: Metadata = { title: "稼働状況" };

// datetime-local wants "YYYY-MM-DDTHH:mm" in the zone staff mean: Japan.
const local = (d: Date | null) => (d ? formatJstDateTime(d) : "");

export default async function StatusPage() {
  await requireAdmin("/admin/status");
  const services = await listServiceStatuses();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">稼働状況</h1>
      <p>「正常」以外のサービスは、ヘルプページ上部のお知らせに表示されます。</p>
      {services.map((s) => (
        <ServiceStatusForm
          key={s.id}
          action={saveServiceStatus}
          service={{ id: s.id, nameJa: s.nameJa, state: s.state, messageJa: s.messageJa, messageEn: s.messageEn, since: local(s.since), until: local(s.until) }}
        />
      ))}
    </div>
  );
}
