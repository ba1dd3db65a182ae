// The triage list's queries on a generated 100k-ticket table must be index scans: "fast at a million
// tickets" means no query plan that reads the whole Ticket table.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor, listTicketsSql } from "@/lib/data/ticket-list";
import { migrate } from "@/lib/migrate";
import { createTempDatabase } from "@/lib/testing/temp-database";
import { SORTS, TicketFilterSchema } from "@/lib/validation/triage";

let drop: () => Promise<void>;
let client: pg.Client;
const staffIds = Array.from({ length: 10 }, () => randomUUID());

beforeAll(async () => {
  const temp = await createTempDatabase("plan");
  drop = temp.drop;
  await migrate(temp.url);
  client = new pg.Client({ connectionString: temp.url });
  await client.connect();
  await client.query(
    `INSERT INTO "StaffUser" ("id", "email", "name", "role", "updatedAt")
     SELECT id, 'staff' || n || '@example.com', 'Staff ' || n, 'agent', now() FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)`,
    [staffIds],
  );
  await client.query(
    `INSERT INTO "Ticket" ("reference", "status", "priority", "assigneeId", "guideId", "path", "walk", "endStep", "locale", "name",
       "username", "affiliation", "email", "failedAt", "answers",
       "description", "searchText", "statusTokenHash", "statusTokenExpiresAt", "createdAt", "updatedAt", "lastActivityAt", "slaDueAt")
     SELECT 'SSO-2026-' || lpad(g::text, 6, '0'),
       (ARRAY['new','open','waiting','resolved','closed','closed','closed','resolved'])[1 + g % 8]::"TicketStatus",
       (ARRAY['low','normal','normal','normal','high','urgent'])[1 + (g * 7) % 6]::"TicketPriority",
       CASE WHEN g % 4 = 0 THEN NULL ELSE ($1::uuid[])[1 + g % 10] END,
       'jaist-sso', ARRAY['step0','step1','step1-2','step3'], ARRAY['auth-failed','form-login-failed','credentials-still-failing'],
       (ARRAY['step1-2','step2-4','otp-input','step2-3-1','step1-3'])[1 + g % 5],
       CASE WHEN g % 4 = 0 THEN 'en' ELSE 'ja' END,
       (ARRAY['佐藤','鈴木','高橋','田中','伊藤','渡辺','山本'])[1 + g % 7] || ' ' || (ARRAY['翔太','美咲','大輔','陽菜','健太'])[1 + (g / 7) % 5],
       's' || (1000000 + g), 'student', 's' || (1000000 + g) || '@example.com', now() - (g || ' minutes')::interval,
       jsonb_build_object('network', (ARRAY['campus-wifi','eduroam','off-campus','ssl-vpn','newcomer'])[1 + g % 5], 'service', 'webmail',
         'messageShown', (ARRAY['auth-failed','cert-invalid-no-otp','oath-screen','none'])[1 + g % 4], 'factor', 'otp',
         'stopsAt', 'after-password', 'contactFormLogin', 'not-tried', 'tried', jsonb_build_array('step0', 'step1')),
       (ARRAY['パスワード入力後に赤いメッセージが出て先に進めません','証明書の選択画面が出なくなりました','ワンタイムパスワードを入力しても認証に失敗します'])[1 + g % 3] || ' #' || g,
       -- Messages and notes: about two per ticket, an internal note on every tenth.
       CASE WHEN g % 6 = 0 THEN '' ELSE
         (ARRAY['ブラウザのキャッシュを削除して、もう一度お試しください。','Please register your one-time password again.','証明書の再発行手続きをご案内します。'])[1 + g % 3]
         || E'\n' || (ARRAY['試しましたが、まだログインできません。','Thanks, it works now.','ありがとうございます。解決しました。'])[1 + (g / 3) % 3]
         || CASE WHEN g % 10 = 0 THEN E'\nベンダー確認中 ' || (g % 1000) ELSE '' END END,
       md5(g::text), now() + interval '180 days', now() - (g || ' minutes')::interval, now() - ((g * 13) % 100000 || ' minutes')::interval,
       now() - ((g * 17) % 100000 || ' minutes')::interval,
       -- A running due time on new and open tickets (issue 13), none (9999-12-31) on the others.
       CASE WHEN g % 8 < 2 THEN now() + (((g * 11) % 20000) - 5000 || ' minutes')::interval ELSE '9999-12-31 00:00:00+00' END
     FROM generate_series(1, 100000) g`,
    [staffIds],
  );
  await client.query(`ANALYZE "Ticket"`);
  await client.query(`ANALYZE "StaffUser"`);
}, 240_000);

afterAll(async () => {
  await client?.end();
  await drop?.();
});

async function plan(raw: Record<string, string>, backwards = false) {
  const sql = listTicketsSql(TicketFilterSchema.parse(raw), { id: staffIds[0] }, 51, backwards);
  const result = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values as unknown[]);
  return result.rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("triage list query plans on 100k tickets", () => {
  const cases: [string, Record<string, string>][] = [
    ["default tab (new, newest first)", {}],
    ["a status tab sorted by priority", { status: "open", sort: "priority" }],
    ["a status tab sorted by last update", { status: "waiting", sort: "updated" }],
    ["oldest first", { status: "open", sort: "oldest" }],
    ["assignee: me", { assignee: "me" }],
    ["assignee: a staff member, open tab", { status: "open", assignee: staffIds[3] }],
    ["unassigned", { status: "new", assignee: "unassigned" }],
    ["search by username over all statuses", { status: "all", q: "s1054321" }],
    ["Japanese search", { status: "all", q: "証明書の選択画面" }],
    ["search within a tab", { status: "new", q: "田中 翔太" }],
    ["search for a word in messages and notes", { status: "all", q: "ベンダー確認中 421" }],
    ["two-character search", { status: "all", q: "田中" }],
    ["one guide over all statuses", { status: "all", guide: "jaist-sso" }],
    ["a guide's answer over all statuses", { status: "all", guide: "jaist-sso", "a.messageShown": "cert-invalid-no-otp" }],
    ["two answers within a tab", { status: "open", "a.messageShown": "oath-screen", "a.network": "eduroam" }],
    ["mine over all statuses (the default of assignee=me)", { assignee: "me" }],
    ["mine by last activity", { assignee: "me", sort: "activity" }],
    ["priority filter over all statuses", { status: "all", priority: "urgent" }],
    ["a guide within a tab", { status: "open", guide: "jaist-sso" }],
  ];
  // Every column sort the headers offer, both directions, on a tab and over all statuses.
  for (const sort of SORTS) {
    for (const dir of ["asc", "desc"]) {
      for (const status of ["open", "all"]) cases.push([`sorted by ${sort} ${dir}, ${status}`, { status, sort, dir }]);
    }
  }
  for (const [name, raw] of cases) {
    it(`uses an index: ${name}`, async () => {
      const text = await plan(raw);
      expect(text, text).not.toMatch(/Seq Scan on "Ticket"/);
      expect(text, text).toMatch(/Index/);
    });
  }

  const edge = {
    id: randomUUID(),
    createdAt: new Date(Date.now() - 50_000 * 60_000),
    lastActivityAt: new Date(Date.now() - 40_000 * 60_000),
    reference: "SSO-2026-050000",
    username: "s1050000",
    status: "open",
    priority: "high",
    slaDueAt: new Date(Date.now() + 2_000 * 60_000),
  } as const;
  type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Cond"?: string; "Rows Removed by Filter"?: number; Plans?: PlanNode[] };
  /** Every read of the Ticket table, with the nearest Limit or Sort above it. */
  function ticketReads(node: PlanNode, above: string | null = null): { node: PlanNode; above: string | null }[] {
    const here = node["Node Type"] === "Limit" || node["Node Type"] === "Sort" ? node["Node Type"] : above;
    const own = node["Relation Name"] === "Ticket" ? [{ node, above }] : [];
    return [...own, ...(node.Plans ?? []).flatMap((child) => ticketReads(child, here))];
  }
  for (const sort of SORTS) {
    for (const backwards of [false, true]) {
      it(`reads a deep page of ${sort} ${backwards ? "backwards (previous)" : "forwards (next)"} as index ranges`, async () => {
        const cursor = encodeCursor(edge, sort);
        for (const tab of ["closed", "all"]) {
          const sql = listTicketsSql(TicketFilterSchema.parse({ status: tab, sort, [backwards ? "before" : "cursor"]: cursor }), { id: staffIds[0] }, 51, backwards);
          const result = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, sql.values as unknown[]);
          const reads = ticketReads(result.rows[0]["QUERY PLAN"][0].Plan);
          const text = JSON.stringify(
            reads.map((r) => ({ type: r.node["Node Type"], cond: r.node["Index Cond"], removed: r.node["Rows Removed by Filter"], above: r.above })),
          );
          expect(reads.length, text).toBeGreaterThan(0);
          for (const { node, above } of reads) {
            // In index order straight into a LIMIT (no sort of the table's rows), and the cursor
            // bounds the range instead of filtering rows read from the start of the index.
            expect(node["Node Type"], text).toMatch(/^Index (Only )?Scan$/);
            expect(above, text).toBe("Limit");
            expect(node["Index Cond"], text).toMatch(/"?(createdAt|lastActivityAt|reference|username|status|priority|slaDueAt)"? [<>]/);
            // Measured, not estimated: the range starts at the cursor, so what is read and thrown away
            // is a page's worth times the other filters' selectivity (~250 here), not everything
            // between the start of the index and the cursor (4,000-6,000 here, growing with depth).
            expect(node["Rows Removed by Filter"] ?? 0, text).toBeLessThan(1000);
          }
        }
      });
    }
  }

  it("looks up the read marks of the page's rows only, by primary key", async () => {
    const text = await plan({ status: "all" });
    expect(text, text).toMatch(/Index (Only )?Scan using "TicketReadMark_pkey"[\s\S]*Index Cond: .*"ticketId" = t\.id/);
    expect(text, text).not.toMatch(/Bitmap Heap Scan on "TicketReadMark"/);
  });

  // The searches' own indexes at these statistics: a rare phrase of a message or note, and a short
  // query, which only the small index over the requester's name and username can answer.
  it.each([
    ["a rare phrase of a note", { status: "all", q: "ベンダー確認中 421" }, "Ticket_search_trgm_idx"],
    ["a rare username", { status: "all", q: "s1054321" }, "Ticket_search_trgm_idx"],
    ["a one-character name", { status: "all", q: "李" }, "Ticket_requester_trgm_idx"],
    ["a rare two-character start", { status: "all", q: "zq" }, "Ticket_requester_trgm_idx"],
  ])("searches through its trigram index: %s", async (_name, raw, index) => {
    const text = await plan(raw);
    expect(text, text).toMatch(new RegExp(`Bitmap Index Scan on "?${index}"?`));
  });
});
