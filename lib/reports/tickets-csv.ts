// The ticket list's CSV export (GET /api/admin/tickets.csv): the common columns, then the answer
// columns of the guide filtered on (or of every guide), as Excel reads it (lib/csv.ts). Streamed
// from one cursor a batch at a time (lib/data/ticket-list.ts iterateTicketsForExport), one chunk
// per batch, so memory stays flat and the rows leave at the speed of the table (decision 0036).
// Callers check the actor first (admins).
import "server-only";
import { BOM, csvRow } from "@/lib/csv";
import { iterateTicketsForExport, type ExportTicket } from "@/lib/data/ticket-list";
import { getGuideDeclaration, listAllGuideIds } from "@/lib/content";
import { answerFields, optionLabel, readAnswers } from "@/lib/guides/answers";
import type { ResolvedField } from "@/lib/guides/declaration";
import { genericForm } from "@/lib/guides/generic-form";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";
import type { TicketFilter } from "@/lib/validation/triage";

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

/**
 * A ticket's CSV line. The answer cells are filled only for the columns of the ticket's own guide
 * (the others stay empty), since an export over every guide has a few dozen answer columns and
 * testing each for every ticket was most of the line's cost.
 */
function lineWriter(columns: AnswerColumn[]): (t: ExportTicket) => string {
  const byGuide = new Map<string | null, { index: number; column: AnswerColumn }[]>();
  columns.forEach((column, index) => {
    const list = byGuide.get(column.guideId) ?? [];
    list.push({ index, column });
    byGuide.set(column.guideId, list);
  });
  return (t) => {
    const cells: unknown[] = new Array(columns.length).fill("");
    const own = byGuide.get(t.guideId);
    if (own) {
      const answers = readAnswers(t.answers);
      for (const { index, column } of own) {
        if (!Object.hasOwn(answers, column.field.key)) continue;
        const value = answers[column.field.key];
        cells[index] = (Array.isArray(value) ? value : [value]).map((v) => optionLabel(column.field, v, "ja")).join(" / ");
      }
    }
    return csvRow([
      t.reference, TICKET_STATUS.label(t.status, "ja"), TICKET_PRIORITY.label(t.priority, "ja"), t.assigneeName, t.createdAt, t.updatedAt,
      t.firstResponseAt, t.resolvedAt, t.locale, t.name, t.username, t.affiliation, t.email, t.failedAt, t.guideId ?? "GEN",
      t.endStep, t.path, t.changedFields, t.device, t.description, ...cells,
    ]);
  };
}

/** The CSV of every ticket of `filter`, header first, UTF-8 with a BOM. */
export function ticketsCsvStream(me: { id: string }, filter: TicketFilter): ReadableStream<Uint8Array> {
  const columns = answerColumns(filter);
  const line = lineWriter(columns);
  const rows = iterateTicketsForExport(me, filter);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvRow([...COMMON_HEADER, ...columns.map((c) => c.header)])));
    },
    async pull(controller) {
      // One batch of the cursor per pull: back-pressure holds the next read until this chunk is taken.
      const next = await rows.next();
      if (next.done) return controller.close();
      let text = "";
      for (const t of next.value) text += line(t);
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
