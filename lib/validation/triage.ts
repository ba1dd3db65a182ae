// The triage list's URL state and the staff forms on a ticket. Unknown or malformed URL values are
// dropped (a shared link with a stale filter still opens), never a 500.
import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE_BOTH, plainString, stripControlCharacters } from "@/lib/validation/text";
import { TICKET_PRIORITY, TICKET_STATUS } from "@/lib/ticket-fields";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values).optional()).catch(undefined);
const day = z
  .preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s))).optional())
  .catch(undefined);

export const STATUS_TABS = [...TICKET_STATUS.values, "all"] as const;
export type StatusTab = (typeof STATUS_TABS)[number];
/** The list's sortable columns; each is an index range scan at a million tickets (decision 0019). */
export const SORTS = ["created", "activity", "reference", "requester", "status", "priority", "due"] as const;
export type Sort = (typeof SORTS)[number];
export type SortDir = "asc" | "desc";
/** The direction a column header sorts in first: newest, most urgent, A to Z. */
export const DEFAULT_DIR: Record<Sort, SortDir> = {
  created: "desc",
  activity: "desc",
  reference: "asc",
  requester: "asc",
  status: "asc",
  priority: "desc",
  // The soonest due first (issue 13); tickets with no running due time last.
  due: "asc",
};
// Sort values of links and bookmarks made before the table had column sorts.
const LEGACY_SORTS: Record<string, [Sort, SortDir]> = {
  newest: ["created", "desc"],
  oldest: ["created", "asc"],
  updated: ["activity", "desc"],
};
/** "Mine" means every status: an agent's own tickets are spread over the tabs. */
export const defaultStatus = (assignee: string | undefined): StatusTab => (assignee === "me" ? "all" : "new");

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** URL params "a.<field>=<value>": a filter on a guide's declared answer (issue 9). */
export const ANSWER_PARAM_PREFIX = "a.";
const ANSWER_KEY = /^[a-z][A-Za-z0-9]{0,40}$/;
const ANSWER_VALUE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The answer filters of a query, at most five; malformed ones dropped like any stale URL value. */
function answerFilters(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!k.startsWith(ANSWER_PARAM_PREFIX) || typeof v !== "string") continue;
    const key = k.slice(ANSWER_PARAM_PREFIX.length);
    if (ANSWER_KEY.test(key) && ANSWER_VALUE.test(v) && v.length <= 60 && Object.keys(out).length < 5) out[key] = v;
  }
  return out;
}

export const TicketFilterSchema = z.preprocess(
  (raw) => {
    const flat: Record<string, unknown> = raw && typeof raw === "object" ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, one(v)])) : {};
    const legacy = typeof flat.sort === "string" && Object.hasOwn(LEGACY_SORTS, flat.sort) ? LEGACY_SORTS[flat.sort] : null;
    if (legacy) {
      flat.sort = legacy[0];
      flat.dir ??= legacy[1];
    }
    return { ...flat, answers: answerFilters(flat) };
  },
  z.object({
    status: z.enum(STATUS_TABS).optional().catch(undefined),
    priority: optionalEnum(TICKET_PRIORITY.values),
    // me | unassigned | anyone | a staff id
    assignee: z
      .union([z.enum(["me", "unassigned", "anyone"]), z.uuid()])
      .catch("anyone")
      .default("anyone"),
    endStep: z
      .preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z0-9-]{1,40}$/).optional())
      .catch(undefined),
    // a guide id, or "none" for requests filed without a guide
    guide: z
      .preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(50).optional())
      .catch(undefined),
    answers: z.record(z.string(), z.string()).catch({}).default({}),
    locale: optionalEnum(["ja", "en"] as const),
    from: day,
    to: day,
    q: z
      // A search box is a lookup, not stored text: control characters are dropped, not an error.
      .preprocess((v) => (typeof v === "string" ? stripControlCharacters(v).trim().slice(0, 200) : undefined), z.string().optional())
      .transform((v) => (v ? v : undefined)),
    sort: z.enum(SORTS).catch("created").default("created"),
    dir: z.enum(["asc", "desc"]).optional().catch(undefined),
    // Keyset cursors: the page after `cursor`, or the page before `before`.
    cursor: z.string().max(600).optional().catch(undefined),
    before: z.string().max(600).optional().catch(undefined),
  }).transform((f) => ({
    ...f,
    status: f.status ?? defaultStatus(f.assignee),
    dir: f.dir ?? DEFAULT_DIR[f.sort],
    before: f.cursor ? undefined : f.before,
  })),
);
export type TicketFilter = z.infer<typeof TicketFilterSchema>;

/** The filter as URL search params (defaults left out), for links that keep the current state. */
export function filterToParams(filter: Partial<TicketFilter>, overrides: Partial<Record<Exclude<keyof TicketFilter, "answers">, string | undefined>> = {}) {
  const { answers, ...rest } = filter;
  const merged: Record<string, string | undefined> = { ...(rest as Record<string, string | undefined>), ...overrides };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(answers ?? {})) params.set(`${ANSWER_PARAM_PREFIX}${k}`, v);
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "") continue;
    if (
      (k === "status" && v === defaultStatus(merged.assignee)) ||
      (k === "assignee" && v === "anyone") ||
      (k === "sort" && v === "created") ||
      (k === "dir" && v === DEFAULT_DIR[(merged.sort ?? "created") as Sort])
    )
      continue;
    params.set(k, v);
  }
  return params;
}

const body = plainString(CONTROL_CHARACTER_MESSAGE_BOTH)
  .trim()
  .min(1, { error: "本文を入力してください / Write something first" })
  .max(10_000, { error: "10,000文字以内 / At most 10,000 characters" });

/** The ticket version a staff form was rendered from (decision 0018). */
export const TicketVersionSchema = z.preprocess(
  (v) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : v),
  z.number({ error: "画面が古い可能性があります。更新してからもう一度お試しください。" }).int().min(0),
);
const assigneeField = z.preprocess((v) => (v === "" || v === "none" ? null : v), z.uuid().nullable());

/** The one properties form of a ticket: what the agent wants the ticket to be, based on `version`. */
export const PropertiesSchema = z.object({
  ticketId: z.uuid(),
  version: TicketVersionSchema,
  status: z.enum(TICKET_STATUS.values),
  priority: z.enum(TICKET_PRIORITY.values),
  assigneeId: assigneeField,
  // "assign-me": the "assign to me" button of the same form; the assignee is then the acting user.
  intent: z.enum(["save", "assign-me"]).catch("save").default("save"),
});

export const TICKET_REFERENCE = /^[A-Z]{2,6}-\d{4}-\d{6}$/;

/** Merging this ticket into another, named by its reference (typed or picked from the similar ones). */
export const MergeSchema = z.object({
  ticketId: z.uuid(),
  version: TicketVersionSchema,
  target: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .pipe(z.string().regex(TICKET_REFERENCE, { error: "統合先の受付番号を「SSO-2026-000123」の形で入力してください。" })),
});

export const StatusChangeSchema = z.object({ ticketId: z.uuid(), status: z.enum(TICKET_STATUS.values) });
export const PriorityChangeSchema = z.object({ ticketId: z.uuid(), priority: z.enum(TICKET_PRIORITY.values) });
export const AssigneeChangeSchema = z.object({
  ticketId: z.uuid(),
  assigneeId: z.preprocess((v) => (v === "" || v === "none" ? null : v), z.uuid().nullable()),
});
export const NoteSchema = z.object({ ticketId: z.uuid(), version: TicketVersionSchema, body });
export const ReplySchema = z.object({
  ticketId: z.uuid(),
  version: TicketVersionSchema,
  body,
  // What the ticket becomes once the reply is sent (help desks usually wait on the requester).
  then: z.enum(["waiting", "open", "resolved", "keep"]).catch("waiting").default("waiting"),
});

export const BulkActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), assigneeId: z.preprocess((v) => (v === "" || v === "none" ? null : v), z.uuid().nullable()) }),
  z.object({ action: z.literal("status"), status: z.enum(TICKET_STATUS.values) }),
  z.object({ action: z.literal("priority"), priority: z.enum(TICKET_PRIORITY.values) }),
]);
export type BulkAction = z.infer<typeof BulkActionSchema>;
export const BulkIdsSchema = z.array(z.uuid()).min(1, { error: "チケットを選択してください / Select tickets first" }).max(200);
