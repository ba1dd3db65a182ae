import type { TicketChange } from "@/lib/tickets/describe-change";

export type TicketErrorCode =
  | "not-found"
  | "transition"
  | "assignee"
  // the ticket moved since the page the form came from (decision 0018); `changes` says how
  | "conflict"
  // the ticket was merged into another; work goes on there
  | "merged"
  | "merge-self"
  // no ticket with the typed reference
  | "merge-target"
  // the target was itself merged elsewhere: merge into its survivor instead
  | "merge-target-merged";

/** A change the workflow refuses; `code` is what the staff form explains. */
export class TicketError extends Error {
  constructor(
    public code: TicketErrorCode,
    public changes: TicketChange[] = [],
  ) {
    super(code);
  }
}

/** What the staff forms say for each refusal (admin UI: Japanese, decision 0005). */
export const TICKET_ERROR_MESSAGES: Record<TicketErrorCode | "invalid", string> = {
  "not-found": "チケットが見つかりません。",
  transition: "この状態には変更できません。画面を更新してから、もう一度お試しください。",
  assignee: "その担当者は選べません(無効なアカウントです)。",
  conflict: "この画面を開いた後に、チケットが変更されました。",
  merged: "このチケットは他のチケットに統合済みです。統合先で対応してください。",
  "merge-self": "チケットをそれ自身に統合することはできません。",
  "merge-target": "その受付番号のチケットはありません。",
  "merge-target-merged": "統合先のチケットは、すでに別のチケットに統合されています。その統合先を指定してください。",
  invalid: "入力内容を確認してください。",
};
