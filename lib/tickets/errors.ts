/** A change the workflow refuses; `code` is what the staff form explains. */
export class TicketError extends Error {
  constructor(public code: "not-found" | "transition" | "assignee") {
    super(code);
  }
}
