// CSV export of the triage list's current filter (admins). Streamed page by page, so a large export
// never sits in memory whole.
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { BOM, csvRow } from "@/lib/csv";
import { iterateTicketsForExport } from "@/lib/data/ticket-triage";
import { FACTOR, MESSAGE_SHOWN, NETWORK, TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";
import { TicketFilterSchema } from "@/lib/validation/triage";

export const dynamic = "force-dynamic";

const HEADER = [
  "受付番号", "状態", "優先度", "担当者", "受付日時", "最終更新", "初回返信", "解決", "言語", "氏名", "ユーザ名", "所属", "メール",
  "発生日時", "ネットワーク", "サービス", "サービス(その他)", "メッセージ", "メッセージ(その他)", "認証要素", "止まる場所",
  "フォームへのログイン", "終了ステップ", "経路", "事前入力から変更", "端末", "内容",
];

export const GET = withDatabaseOutage(async function GET(request: Request) {
  const guard = await guardApi("admin");
  if (guard.response) return guard.response;
  const filter = TicketFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = iterateTicketsForExport(guard.user, filter);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvRow(HEADER)));
    },
    async pull(controller) {
      // One ticket per pull keeps back-pressure; the iterator fetches 500 at a time underneath.
      const next = await rows.next();
      if (next.done) return controller.close();
      const t = next.value;
      controller.enqueue(
        encoder.encode(
          csvRow([
            t.reference, TICKET_STATUS.label(t.status, "ja"), TICKET_PRIORITY.label(t.priority, "ja"), t.assignee?.name, t.createdAt, t.updatedAt,
            t.firstResponseAt, t.resolvedAt, t.locale, t.name, t.username, t.affiliation, t.email, t.failedAt, NETWORK.label(t.network, "ja"),
            t.service, t.serviceOther, MESSAGE_SHOWN.label(t.messageShown, "ja"), t.messageOther, FACTOR.label(t.factor, "ja"), t.stopsAt,
            t.contactFormLogin, t.endStep, t.path, t.changedFields, t.device, t.description,
          ]),
        ),
      );
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="tickets-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
