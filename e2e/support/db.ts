// Direct SQL for e2e set-up and checks (the e2e process runs outside Next; it never imports lib/db).
import pg from "pg";

let pool: pg.Pool | undefined;

export function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  return pool.query<T>(text, values);
}
