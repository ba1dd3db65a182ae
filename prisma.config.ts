import { defineConfig } from "prisma/config";

// `prisma generate` needs no database; the fallback keeps it working when DATABASE_URL is unset.
// Migrations are applied by scripts/migrate.ts, not by Prisma's migrate engine (offline machine).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/tebiki" },
});
