// The environment the project's own commands (npm test, npm run bench) give the tools they run.
import path from "node:path";

export type ToolEnv = Record<string, string | undefined>;

/**
 * The caller's environment without NODE_ENV (each tool sets its own: next build production, vitest
 * test), the project's node_modules/.bin first on PATH, and no telemetry (no internet here).
 */
export function toolEnv(root: string): ToolEnv {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  return {
    ...inherited,
    PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
  };
}
