// The generated help-desk history of the benchmarks (issue 10, issue 14): N tickets over two years,
// ~2 messages each, 30 staff, filled in SQL (generate_series; indexes dropped during the load and
// rebuilt from their own definitions, so the end state is what the migrations make), then VACUUM
// ANALYZE. One fill for `npm run bench` and `npm run bench:tickets`; a marker row (bench_fill) records
// the fill version and size so that either reuses a database the other filled.
import type pg from "pg";

// 2: first responses spread over 8 hours and resolution times set, for the dashboard's medians.
export const FILL_VERSION = "2";
export const BENCH_STAFF = 30;
const STAFF = BENCH_STAFF;

// Deterministic pseudo-random numbers in [0, 1) from (g, salt), so that a ticket's messages can be
// generated apart from the ticket and still agree with its locale, dates and searchText.
const FUNCTIONS = (n: number, base: string) => `
CREATE SCHEMA IF NOT EXISTS bench;
CREATE OR REPLACE FUNCTION bench.r(g bigint, salt int) RETURNS float8 IMMUTABLE LANGUAGE sql AS
  $$ SELECT (hashint8(g * 7919 + salt) & 2147483647)::float8 / 2147483648 $$;
CREATE OR REPLACE FUNCTION bench.pick(a text[], x float8) RETURNS text IMMUTABLE LANGUAGE sql AS
  $$ SELECT a[1 + floor(x * array_length(a, 1))::int] $$;
CREATE OR REPLACE FUNCTION bench.en(g bigint) RETURNS boolean IMMUTABLE LANGUAGE sql AS $$ SELECT bench.r(g, 6) < 0.25 $$;
-- Two years of tickets, oldest first, a little jitter.
CREATE OR REPLACE FUNCTION bench.created(g bigint) RETURNS timestamptz IMMUTABLE LANGUAGE sql AS
  $$ SELECT '${base}'::timestamptz - interval '730 days' * (1 - g::float8 / ${n}) - interval '30 minutes' * bench.r(g, 1) $$;
CREATE OR REPLACE FUNCTION bench.staff(i int) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$ SELECT md5('bench-staff-' || i)::uuid $$;
CREATE OR REPLACE FUNCTION bench.tid(g bigint) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$ SELECT md5('bench-ticket-' || g)::uuid $$;
-- Messages per ticket: 0..6, 2.05 on average.
CREATE OR REPLACE FUNCTION bench.nmsg(g bigint) RETURNS int IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN x < 0.15 THEN 0 WHEN x < 0.40 THEN 1 WHEN x < 0.65 THEN 2 WHEN x < 0.85 THEN 3 WHEN x < 0.95 THEN 4 ELSE 6 END
  FROM (SELECT bench.r(g, 10) AS x) s $$;
-- Odd messages are staff's (a fifth of them internal notes), even ones the requester's.
CREATE OR REPLACE FUNCTION bench.internal(g bigint, k int) RETURNS boolean IMMUTABLE LANGUAGE sql AS
  $$ SELECT k % 2 = 1 AND bench.r(g * 8 + k, 12) < 0.2 $$;
CREATE OR REPLACE FUNCTION bench.body(g bigint, k int) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE
    WHEN bench.internal(g, k) THEN bench.pick(ARRAY[
      'ベンダー確認中。ログに認証サーバのタイムアウトあり。',
      '情報基盤センターにエスカレーション済み。回答待ち。',
      '同じ症状の問い合わせが複数あり。障害の可能性を確認中。',
      'Checked the IdP logs: the account is locked after repeated failures.',
      '本人確認のため窓口への来訪を依頼する予定。'], bench.r(g * 8 + k, 13))
    WHEN k % 2 = 1 AND NOT bench.en(g) THEN bench.pick(ARRAY[
      'お問い合わせありがとうございます。ブラウザのキャッシュを削除して、もう一度お試しください。',
      'ワンタイムパスワードの再登録を行いました。新しい端末で設定をお願いします。',
      '証明書の有効期限が切れていました。証明書の再発行手続きをご案内します。',
      'パスワードの初期化を行いました。窓口で仮パスワードをお受け取りください。',
      '学外からの接続にはSSL-VPNが必要です。接続後にもう一度ログインしてください。'], bench.r(g * 8 + k, 14))
    WHEN k % 2 = 1 THEN bench.pick(ARRAY[
      'Thank you for contacting us. Please clear the browser cache and try again.',
      'We have reset your one-time password. Please register it on your new phone.',
      'Your certificate had expired. Here is how to request a new one.',
      'Off campus you need the SSL-VPN first; please sign in again once connected.'], bench.r(g * 8 + k, 14))
    WHEN NOT bench.en(g) THEN bench.pick(ARRAY[
      '試しましたが、まだログインできません。',
      'ありがとうございます。解決しました。',
      '窓口に行く時間がないのですが、他の方法はありますか。',
      'スマートフォンを機種変更したので、古い端末はもうありません。',
      'エラー画面のスクリーンショットを添付します。'], bench.r(g * 8 + k, 15))
    ELSE bench.pick(ARRAY[
      'I tried that but I still cannot sign in.',
      'Thanks, it works now.',
      'I do not have my old phone any more.',
      'Attached is a screenshot of the error.'], bench.r(g * 8 + k, 15))
  END
  -- A rare word (about 1 message in 10,000) for the "rare term" search.
  || CASE WHEN bench.r(g * 8 + k, 16) < 0.0001 THEN ' Thunderbird で受信できない件も同様です。' ELSE '' END $$;
`;

const FILL = (n: number, base: string) => `
INSERT INTO "StaffUser" ("id", "email", "name", "role", "updatedAt")
SELECT bench.staff(i), 'bench-staff-' || i || '@example.com',
  (ARRAY['佐々木','松本','井上','木村','林','清水','山崎','森','池田','橋本'])[1 + i % 10] || ' ' || (ARRAY['一郎','花子','誠','恵','翼'])[1 + i % 5] || i,
  CASE WHEN i <= 3 THEN 'admin' ELSE 'agent' END::"StaffRole", now()
FROM generate_series(1, ${STAFF}) i;

INSERT INTO "Ticket" ("id", "reference", "status", "priority", "assigneeId", "guideId", "path", "walk", "endStep", "locale",
  "name", "username", "affiliation", "email", "failedAt", "device", "answers", "description", "searchText",
  "statusTokenHash", "statusTokenExpiresAt", "createdAt", "updatedAt", "firstResponseAt", "resolvedAt")
SELECT bench.tid(g),
  (CASE WHEN gx < 0.6 THEN 'SSO' WHEN gx < 0.75 THEN 'PWD' WHEN gx < 0.9 THEN 'WIFI' ELSE 'REQ' END) || '-' || extract(year FROM c)::int || '-' || lpad(g::text, 7, '0'),
  st::"TicketStatus",
  (CASE WHEN bench.r(g, 3) < 0.10 THEN 'low' WHEN bench.r(g, 3) < 0.80 THEN 'normal' WHEN bench.r(g, 3) < 0.95 THEN 'high' ELSE 'urgent' END)::"TicketPriority",
  -- New tickets are mostly unassigned; the work is skewed: the first staff member has about a tenth.
  CASE WHEN (st = 'new' AND bench.r(g, 4) < 0.7) OR bench.r(g, 4) < 0.05 THEN NULL
       ELSE bench.staff(1 + floor(${STAFF} * power(bench.r(g, 17), 1.5))::int) END,
  CASE WHEN gx < 0.6 THEN 'jaist-sso' WHEN gx < 0.75 THEN 'password' WHEN gx < 0.9 THEN 'wifi' END,
  ARRAY['step0','step1','step1-2'], ARRAY['auth-failed','form-login-failed'],
  CASE WHEN gx < 0.9 THEN bench.pick(ARRAY['step1-2','step2-4','otp-input','step2-3-1','step1-3'], bench.r(g, 18)) END,
  CASE WHEN en THEN 'en' ELSE 'ja' END,
  CASE WHEN en THEN bench.pick(ARRAY['Nguyen Van An','Li Wei','Priya Sharma','Ahmad Rizki','Maria Garcia','Chen Jing','John Smith','Anna Müller'], bench.r(g, 19))
       ELSE bench.pick(ARRAY['佐藤','鈴木','高橋','田中','伊藤','渡辺','山本','中村','小林','加藤','吉田','山田','中田','李'], bench.r(g, 19))
            || ' ' || bench.pick(ARRAY['翔太','美咲','大輔','陽菜','健太','さくら','拓海','結衣','直樹','葵'], bench.r(g, 20)) END,
  u,
  CASE WHEN u LIKE 's%' THEN 'student' WHEN bench.r(g, 21) < 0.5 THEN 'staff' ELSE 'other' END,
  u || '@jaist.example.ac.jp',
  c - interval '20 minutes',
  bench.pick(ARRAY['iPhone 15 / iOS 18 / Safari','Pixel 8 / Android 15 / Chrome','MacBook Air / macOS 15 / Safari','ThinkPad / Windows 11 / Edge','Windows 11 / Chrome 142'], bench.r(g, 22)),
  jsonb_build_object('network', bench.pick(ARRAY['campus-wifi','eduroam','off-campus','ssl-vpn','newcomer'], bench.r(g, 23)),
    'messageShown', bench.pick(ARRAY['auth-failed','cert-invalid-no-otp','oath-screen','none'], bench.r(g, 24))),
  CASE WHEN en THEN bench.pick(ARRAY[
      'From home I cannot log in to Webmail: a red message appears right after the password.',
      'My OTP codes are rejected since I changed phones.',
      'The certificate prompt never appears in Chrome, so login fails off campus.',
      'On NEWCOMER Wi-Fi the login asks for a second factor that I have not registered yet.',
      'I forgot my password and the reset mail never arrives.'], bench.r(g, 25))
    ELSE bench.pick(ARRAY[
      '自宅からWebmailにログインしようとすると、パスワード入力後に赤いメッセージが出て先に進めません。',
      '昨日まで使えていたのに、今朝から証明書の選択画面が出なくなりました。',
      'ワンタイムパスワードを入力しても認証に失敗します。スマートフォンを機種変更しました。',
      'eduroamに接続してSSL-VPNを使おうとしたところ、認証要素が足りないと表示されます。',
      '内部進学でユーザ名が変わり、以前の証明書でログインできなくなりました。',
      'パスワードを変更した直後から、新しいパスワードでログインできません。',
      '研究室のWi-Fiにつながりません。MACアドレスの登録は済んでいます。',
      'メールの転送設定を変更したいのですが、設定画面が見つかりません。'], bench.r(g, 25)) END
    || ' (' || to_char(c AT TIME ZONE 'Asia/Tokyo', 'MM/DD HH24:MI') || ')',
  coalesce((SELECT string_agg(bench.body(g, k), E'\\n' ORDER BY k) FROM generate_series(1, bench.nmsg(g)) k), ''),
  md5('bench-token-' || g), c + interval '180 days', c,
  least('${base}'::timestamptz, c + interval '10 days' * power(bench.r(g, 9), 3)),
  CASE WHEN st <> 'new' THEN c + interval '8 hours' * bench.r(g, 29) END,
  CASE WHEN st IN ('resolved', 'closed') THEN least('${base}'::timestamptz, c + interval '10 days' * power(bench.r(g, 9), 3)) END
FROM generate_series(1, ${n}) g,
  LATERAL (SELECT bench.created(g) AS c, bench.r(g, 5) AS gx, bench.en(g) AS en,
    CASE WHEN bench.r(g, 26) < 0.8 THEN 's' || (1000000 + floor(bench.r(g, 27) * 1600000)::int) ELSE 'staff-' || lpad((floor(bench.r(g, 27) * 90000))::int::text, 5, '0') END AS u) v,
  -- Recent tickets are still being worked on; old ones are mostly closed, a few forgotten.
  LATERAL (SELECT CASE WHEN g > ${n} * (1 - 14.0 / 730)
      THEN bench.pick(ARRAY['new','new','open','open','open','waiting','waiting','resolved','resolved','closed'], bench.r(g, 2))
      ELSE CASE WHEN bench.r(g, 2) < 0.004 THEN 'new' WHEN bench.r(g, 2) < 0.012 THEN 'open' WHEN bench.r(g, 2) < 0.02 THEN 'waiting'
                WHEN bench.r(g, 2) < 0.12 THEN 'resolved' ELSE 'closed' END END AS st) s;

INSERT INTO "TicketMessage" ("ticketId", "authorType", "authorId", "visibility", "body", "createdAt")
SELECT bench.tid(g),
  CASE WHEN k % 2 = 1 THEN 'staff' ELSE 'requester' END::"ActorType",
  CASE WHEN k % 2 = 1 THEN bench.staff(1 + floor(${STAFF} * bench.r(g, 28))::int) END,
  CASE WHEN bench.internal(g, k) THEN 'internal' ELSE 'public' END::"MessageVisibility",
  bench.body(g, k),
  bench.created(g) + interval '2 hours' * k
FROM generate_series(1, ${n}) g, generate_series(1, bench.nmsg(g)) k;
`;

/**
 * Fills the database behind `client` with `tickets` generated tickets (and their messages and staff),
 * unless its marker row says it already holds this fill version at this size. The marker, not a count:
 * the bench's intake case adds tickets to the same database. Another fill in the way is an error (a
 * refill needs an empty database: --fresh of the calling command).
 */
export async function fillUnlessFilled(client: pg.Client, options: { tickets: number; log: (line: string) => void }) {
  const { tickets: TICKETS, log: say } = options;
  await client.query(`CREATE TABLE IF NOT EXISTS bench_fill ("version" text, "tickets" int)`);
  const { rows } = await client.query<{ version: string; tickets: number }>(`SELECT * FROM bench_fill`);
  if (rows[0]?.version === FILL_VERSION && rows[0].tickets === TICKETS) {
    say(`reusing the filled database (${TICKETS} tickets; --fresh to refill)`);
    return;
  }
  if (rows.length) throw new Error(`the bench database holds another fill (${JSON.stringify(rows[0])}); run with --fresh to refill`);
  const base = new Date().toISOString();
  const started = Date.now();
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET max_parallel_maintenance_workers = 2`);
  await client.query(`SET synchronous_commit = off`);
  // Skips the foreign-key triggers during the load; the ids are consistent by construction.
  await client.query(`SET session_replication_role = replica`);
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename IN ('Ticket', 'TicketMessage')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
  await client.query(FUNCTIONS(TICKETS, base));
  const step = async (label: string, sql: string) => {
    const t0 = Date.now();
    await client.query(sql);
    say(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await step(`${TICKETS} tickets, their messages and ${STAFF} staff`, FILL(TICKETS, base));
  for (const index of indexes) await step(`index ${index.indexname}`, index.indexdef);
  await client.query(`SET session_replication_role = origin`);
  // The load bypassed the trigger that keeps the dashboard's aggregates (decision 0032).
  const { rows: rebuild } = await client.query<{ ok: boolean }>(`SELECT to_regproc('tebiki_rebuild_ticket_stats') IS NOT NULL AS "ok"`);
  if (rebuild[0].ok) await step("dashboard aggregates rebuilt", `SELECT tebiki_rebuild_ticket_stats()`);
  await step("VACUUM ANALYZE", `VACUUM ANALYZE`);
  await client.query(`INSERT INTO bench_fill VALUES ($1, $2)`, [FILL_VERSION, TICKETS]);
  say(`filled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
