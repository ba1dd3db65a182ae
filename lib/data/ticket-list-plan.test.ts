// The triage list's queries on a generated 100k-ticket table must be index scans: "fast at a million
// tickets" means no query plan that reads the whole Ticket table.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor, listTicketsSql } from "@/lib/data/ticket-list";
import { migrate } from "@/lib/migrate";
import { createTempDatabase } from "@/lib/testing/temp-database";
import { TicketFilterSchema } from "@/lib/validation/triage";

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
       "description", "searchText", "statusTokenHash", "statusTokenExpiresAt", "createdAt", "updatedAt")
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
       md5(g::text), now() + interval '180 days', now() - (g || ' minutes')::interval, now() - ((g * 13) % 100000 || ' minutes')::interval
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

async function plan(raw: Record<string, string>) {
  const sql = listTicketsSql(TicketFilterSchema.parse(raw), { id: staffIds[0] }, 51);
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
  ];
  for (const [name, raw] of cases) {
    it(`uses an index: ${name}`, async () => {
      const text = await plan(raw);
      expect(text, text).not.toMatch(/Seq Scan on "Ticket"/);
      expect(text, text).toMatch(/Index/);
    });
  }

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

  it("uses an index on a deep page (keyset cursor)", async () => {
    const cursor = encodeCursor({ id: randomUUID(), createdAt: new Date(Date.now() - 50_000 * 60_000), updatedAt: new Date(), priority: "high" }, "priority");
    const text = await plan({ status: "closed", sort: "priority", cursor });
    expect(text, text).not.toMatch(/Seq Scan on "Ticket"/);
    expect(text, text).toMatch(/Index (Only )?Scan.*Ticket_status_priority_createdAt_id_idx/);
  });
});
