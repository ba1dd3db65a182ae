// One history entry in the words of the admin UI (Japanese, decision 0005): the history list and the
// "someone changed this meanwhile" explanation of a refused form say the same thing.
import { csatStaffLabel } from "@/lib/csat/labels";
import { jstTime } from "@/lib/jst";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";

export type TicketChange = {
  kind: string;
  actorType: string;
  actorName: string | null;
  before: unknown;
  after: unknown;
  at: Date;
};

export const EVENT_KIND_LABEL: Record<string, string> = {
  created: "受付",
  status: "状態を変更",
  priority: "優先度を変更",
  assignee: "担当者を変更",
  note: "内部メモを追加",
  reply: "依頼者へ返信",
  requester_message: "依頼者からのメッセージ",
  attachment: "ファイルを追加",
  merged: "他のチケットに統合",
  merged_from: "チケットを統合",
  csat: "依頼者が満足度を評価",
};

const FIELD: Record<string, string> = { status: "状態", priority: "優先度", assignee: "担当者" };

const record = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, string | null | undefined>) : {});

/** "新規 → 対応中": the before and after of a property change; "" for other kinds. */
export function describeValues(kind: string, before: unknown, after: unknown): string {
  const b = record(before);
  const a = record(after);
  switch (kind) {
    case "status":
      return `${TICKET_STATUS.label(b.status ?? "", "ja")} → ${TICKET_STATUS.label(a.status ?? "", "ja")}`;
    case "priority":
      return `${TICKET_PRIORITY.label(b.priority ?? "", "ja")} → ${TICKET_PRIORITY.label(a.priority ?? "", "ja")}`;
    case "assignee":
      return `${b.assigneeName ?? "未割り当て"} → ${a.assigneeName ?? "未割り当て"}`;
    case "merged":
      return a.targetReference ? `${a.targetReference} へ` : "";
    case "merged_from":
      return a.sourceReference ? `${a.sourceReference} から` : "";
    case "csat":
      return `${csatStaffLabel(b.rating)} → ${csatStaffLabel(a.rating)}`;
    default:
      return "";
  }
}

export function actorLabel(change: Pick<TicketChange, "actorType" | "actorName">): string {
  return change.actorType === "staff" ? (change.actorName ?? "スタッフ") : change.actorType === "requester" ? "依頼者" : "システム";
}

/** "10:02 山田 さんが担当者を A から B に変更しました。" */
export function describeChange(change: TicketChange): string {
  const who = change.actorType === "staff" ? `${actorLabel(change)} さん` : actorLabel(change);
  const time = jstTime(change.at);
  const b = record(change.before);
  const a = record(change.after);
  const field = FIELD[change.kind];
  if (field) {
    const [from, to] = describeValues(change.kind, change.before, change.after).split(" → ");
    return `${time} ${who}が${field}を「${from}」から「${to}」に変更しました。`;
  }
  switch (change.kind) {
    case "reply":
      return `${time} ${who}が依頼者へ返信しました。`;
    case "note":
      return `${time} ${who}が内部メモを追加しました。`;
    case "requester_message":
      return `${time} 依頼者から新しいメッセージが届きました。`;
    case "merged":
      return `${time} ${who}がこのチケットを ${a.targetReference ?? ""} に統合しました。`;
    case "merged_from":
      return `${time} ${who}が ${b.sourceReference ?? a.sourceReference ?? ""} をこのチケットに統合しました。`;
    case "csat":
      return `${time} 依頼者が満足度を「${csatStaffLabel(a.rating)}」と評価しました。`;
    default:
      return `${time} ${who}: ${EVENT_KIND_LABEL[change.kind] ?? change.kind}`;
  }
}
