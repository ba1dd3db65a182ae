import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/migrate";
import { diffDatabaseAgainstSchema } from "@/lib/testing/schema-diff";
import { createTempDatabase } from "@/lib/testing/temp-database";

const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");

describe("the migrated database matches schema.prisma", () => {
  let database: Awaited<ReturnType<typeof createTempDatabase>>;
  beforeAll(async () => {
    database = await createTempDatabase("schema");
    await migrate(database.url);
  });
  afterAll(() => database?.drop());

  it("has exactly the tables, columns, types, defaults, indexes and foreign keys of the schema", async () => {
    expect(await diffDatabaseAgainstSchema(database.url, schema)).toEqual([]);
  });

  it("notices a field added to the schema without a migration", async () => {
    const changed = schema.replace("model Ticket {", "model Ticket {\n  internalCode String?");
    expect(await diffDatabaseAgainstSchema(database.url, changed)).toEqual([
      'column Ticket.internalCode is missing',
    ]);
  });

  it("notices a changed type, nullability, default and index", async () => {
    const changed = schema
      .replace("  name         String\n  /// bcrypt", "  name         String?\n  /// bcrypt")
      .replace("@default(true)", "@default(false)")
      .replace("@@index([ticketId, createdAt])\n}\n\nmodel TicketMessage", "@@index([createdAt])\n}\n\nmodel TicketMessage");
    const problems = await diffDatabaseAgainstSchema(database.url, changed);
    expect(problems).toContain("column StaffUser.name: NOT NULL, schema wants nullable");
    expect(problems).toContain("column StaffUser.active: default true, schema wants false");
    expect(problems.some((p) => p.startsWith("index TicketEvent_createdAt_idx is missing"))).toBe(true);
    expect(problems).toContain("index TicketEvent_ticketId_createdAt_idx is not in the schema");
  });
});
