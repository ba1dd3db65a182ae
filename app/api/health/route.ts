import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/data/health";
import { RETRY_AFTER_SECONDS } from "@/lib/database-unavailable";

// Public and unauthenticated by design: it says only whether the database answers.
export async function GET() {
  const database = await checkDatabase();
  return NextResponse.json(
    { status: database.ok ? "ok" : "unavailable", database: database.ok ? "up" : "down", latencyMs: database.latencyMs },
    {
      status: database.ok ? 200 : 503,
      headers: { "Cache-Control": "no-store", ...(database.ok ? {} : { "Retry-After": String(RETRY_AFTER_SECONDS) }) },
    },
  );
}
