// CSV export of the triage list's current filter (admins). Streamed page by page, so a large export
// never sits in memory whole.
import { guardApi } from "@/lib/auth/guards";
import { withDatabaseOutage } from "@/lib/database-unavailable";
import { BOM, csvRow } from "@/lib/csv";
import { iterateTicketsForExport } from "@/lib/data/ticket-list";
import { getGuideDeclaration, listAllGuideIds } from "@/lib/content";
import { answerFields, optionLabel, readAnswers } from "@/lib/guides/answers";
import type { ResolvedField } from "@/lib/guides/declaration";
import { genericForm } from "@/lib/guides/generic-form";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";
import { TicketFilterSchema, type TicketFilter } from "@/lib/validation/triage";

export const dynamic = "force-dynamic";

const COMMON_HEADER = [
  "受付番号", "状態", "優先度", "担当者", "受付日時", "最終更新", "初回返信", "解決", "言語", "氏名", "ユーザ名", "所属", "メール",
  "発生日時", "ガイド", "終了ステップ", "経路", "事前入力から変更", "端末", "内容",
];

type AnswerColumn = { guideId: string | null; field: ResolvedField; header: string };

/**
 * The answer columns, from the declarations (issue 9): the filtered guide's own fields, or every
 * guide's (and the generic form's) when the export is not filtered by guide, named with the guide.
 */
function answerColumns(filter: TicketFilter): AnswerColumn[] {
  if (filter.guide === "none") return answerFields(genericForm()).map((field) => ({ guideId: null, field, header: field.label.ja }));
  const one = filter.guide ? getGuideDeclaration(filter.guide) : null;
  if (one) return answerFields(one).map((field) => ({ guideId: one.id, field, header: field.label.ja }));
  return [
    ...listAllGuideIds().flatMap((id) => answerFields(getGuideDeclaration(id)).map((field) => ({ guideId: id as string | null, field, header: `${id}: ${field.label.ja}` }))),
    ...answerFields(genericForm()).map((field) => ({ guideId: null, field, header: `GEN: ${field.label.ja}` })),
  ];
}

export const GET = withDatabaseOutage(async function GET(request: Request) {
  const guard = await guardApi("admin");
  if (guard.response) return guard.response;
  const filter = TicketFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = iterateTicketsForExport(guard.user, filter);
  const columns = answerColumns(filter);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvRow([...COMMON_HEADER, ...columns.map((c) => c.header)])));
    },
    async pull(controller) {
      // One ticket per pull keeps back-pressure; the iterator fetches 500 at a time underneath.
      const next = await rows.next();
      if (next.done) return controller.close();
      const t = next.value;
      const answers = readAnswers(t.answers);
      const cell = (c: AnswerColumn) => {
        if (c.guideId !== t.guideId || !Object.hasOwn(answers, c.field.key)) return "";
        const value = answers[c.field.key];
        return (Array.isArray(value) ? value : [value]).map((v) => optionLabel(c.field, v, "ja")).join(" / ");
      };
      controller.enqueue(
        encoder.encode(
          csvRow([
            t.reference, TICKET_STATUS.label(t.status, "ja"), TICKET_PRIORITY.label(t.priority, "ja"), t.assignee?.name, t.createdAt, t.updatedAt,
            t.firstResponseAt, t.resolvedAt, t.locale, t.name, t.username, t.affiliation, t.email, t.failedAt, t.guideId ?? "GEN",
            t.endStep, t.path, t.changedFields, t.device, t.description, ...columns.map(cell),
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
