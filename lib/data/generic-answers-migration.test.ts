// The generic-answers migration (issue 9) keeps every stored value: a database at the previous
// schema, filled with tickets as today's factories built them (every walk of the SSO guide, "other"
// texts, certificate info, empty and non-empty tried lists, a ticket without a guide), is migrated
// and each old column's value is found again in Ticket.answers, the walk's answers in pathAnswers.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getGuideDeclaration } from "@/lib/content";
import { allWalks, endStep } from "@/lib/guide-graph";
import { migrate, MIGRATIONS_DIR, readMigrations } from "@/lib/migrate";
import { rng } from "@/lib/testing/factories";
import { createTempDatabase } from "@/lib/testing/temp-database";

const MIGRATION = "20261126000000_generic_answers";
const COLUMNS = ["network", "service", "serviceOther", "messageShown", "messageOther", "factor", "stopsAt", "contactFormLogin", "certificateInfo"] as const;

type Legacy = Record<(typeof COLUMNS)[number], string | null> & { guideId: string | null; answers: Record<string, string>; tried: string[]; reference: string };

/** Rows as lib/testing/factories.ts built them before this migration (its buildTicketInput). */
function legacyRows(): Legacy[] {
  const guide = getGuideDeclaration("jaist-sso")!;
  const r = rng(9);
  const walks = allWalks(guide).filter((w) => endStep(w) === guide.contactStep);
  return walks.flatMap((walk, i) => {
    const a = walk.answers;
    const base = (n: number): Legacy => ({
      reference: `SSO-2026-${String(i * 10 + n).padStart(6, "0")}`,
      guideId: "jaist-sso",
      answers: { ...a },
      network: a.network ?? r.pick(["campus-wifi", "off-campus", "eduroam"]),
      service: n === 1 ? "other" : r.pick(["webmail", "ssl-vpn"]),
      serviceOther: n === 1 ? "学務システム" : null,
      messageShown: n === 2 ? "other" : (a.message ?? "none"),
      messageOther: n === 2 ? "「エラー 500」と表示された" : null,
      factor: a.factor ?? r.pick(["otp", "certificate", "fido2"]),
      stopsAt: a.stopsAt ?? "after-password",
      contactFormLogin: a.contactFormLogin ?? "not-tried",
      certificateInfo: n === 1 ? "3A:1F:00:12 / 2025-04-01" : null,
      tried: n === 2 ? [] : [...walk.steps.slice(0, -1), ...(n === 1 ? ["private-window"] : [])],
    });
    return [base(1), base(2), ...(i === 0 ? [{ ...base(3), guideId: null, reference: "GEN-2026-000001", answers: {} }] : [])];
  });
}

let database: Awaited<ReturnType<typeof createTempDatabase>>;
let client: pg.Client;
let rows: Legacy[];

beforeAll(async () => {
  database = await createTempDatabase("answers");
  // The migrations up to the one before this one, from a copy of the folder.
  const before = mkdtempSync(path.join(tmpdir(), "migrations-"));
  for (const m of await readMigrations()) if (m.name < MIGRATION) cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(before, m.name), { recursive: true });
  await migrate(database.url, { dir: before });
  rmSync(before, { recursive: true, force: true });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  rows = legacyRows();
  for (const row of rows) {
    await client.query(
      `INSERT INTO "Ticket" ("reference", "guideId", "answers", "locale", "name", "username", "affiliation", "email", "failedAt",
         "network", "service", "serviceOther", "messageShown", "messageOther", "factor", "stopsAt", "contactFormLogin", "tried",
         "certificateInfo", "description", "statusTokenHash", "statusTokenExpiresAt", "updatedAt")
       VALUES ($1, $2, $3, 'ja', '山田 太郎', 's2412345', 'student', 'taro@example.com', now(), $4, $5, $6, $7, $8, $9, $10, $11, $12,
         $13, '説明', md5($1), now() + interval '180 days', now())`,
      [row.reference, row.guideId, JSON.stringify(row.answers), row.network, row.service, row.serviceOther, row.messageShown, row.messageOther,
        row.factor, row.stopsAt, row.contactFormLogin, row.tried, row.certificateInfo],
    );
  }
  await migrate(database.url);
}, 120_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe(`migration ${MIGRATION}`, () => {
  it("moves every SSO column's value into answers and keeps the walk's answers", async () => {
    const { rows: after } = await client.query<{ reference: string; answers: Record<string, unknown>; pathAnswers: Record<string, string> }>(
      `SELECT "reference", "answers", "pathAnswers" FROM "Ticket"`,
    );
    expect(after).toHaveLength(rows.length);
    const byRef = new Map(after.map((r) => [r.reference, r]));
    for (const row of rows) {
      const migrated = byRef.get(row.reference)!;
      const expected: Record<string, unknown> = { tried: row.tried };
      for (const column of COLUMNS) if (row[column] !== null) expected[column] = row[column];
      if (row.answers.certificateImported) expected.certificateImported = row.answers.certificateImported;
      expect(migrated.answers, row.reference).toEqual(expected);
      expect(migrated.pathAnswers, row.reference).toEqual(row.answers);
    }
  });

  it("drops the old columns", async () => {
    const { rows: cols } = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Ticket'`,
    );
    const names = cols.map((c) => c.column_name);
    for (const column of [...COLUMNS, "tried"]) expect(names).not.toContain(column);
    expect(names).toEqual(expect.arrayContaining(["answers", "pathAnswers"]));
  });
});
