import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests beside the code (*.test.ts). Integration tests use the real
// PostgreSQL that scripts/test.ts starts (DATABASE_URL); nothing is mocked.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": path.resolve(__dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker less than the cores: a single one on a 2-core machine (CI's).
    // The integration tests spend most of their time waiting on PostgreSQL; with two workers the
    // suite takes 139–155 s there instead of 236 s, and it passed in each of three runs with two or
    // three workers (session 8). On more cores it ran in parallel before too.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
