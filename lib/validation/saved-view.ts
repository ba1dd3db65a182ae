// Saved views of the ticket list (decision 0019): a name, and the list's URL state normalized by the
// list's own schema, so that a stored view is exactly a URL the list would make itself.
import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE_BOTH, plainString } from "@/lib/validation/text";
import { filterToParams, TicketFilterSchema } from "@/lib/validation/triage";

const name = plainString(CONTROL_CHARACTER_MESSAGE_BOTH)
  .trim()
  .min(1, { error: "ビューの名前を入力してください。" })
  .max(60, { error: "ビューの名前は60文字以内にしてください。" });

/** "status=open&sort=activity" from any query string: unknown keys and stale values dropped, no cursor. */
export function normalizeListQuery(query: string): string {
  const raw = Object.fromEntries(new URLSearchParams(query.replace(/^\?/, "").slice(0, 2000)));
  return filterToParams(TicketFilterSchema.parse(raw), { cursor: undefined, before: undefined }).toString();
}

export const SavedViewCreateSchema = z.object({
  name,
  query: z.string().max(2000).catch("").transform(normalizeListQuery),
  shared: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export const SavedViewRenameSchema = z.object({ id: z.uuid(), name });
export const SavedViewDeleteSchema = z.object({ id: z.uuid() });
