// The environment, validated once with zod. Every variable is listed in .env.example.
import { z } from "zod";

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (npm run dev starts an embedded PostgreSQL and sets it)" })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
    APP_URL: z.url().default("http://localhost:3000"),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().default("Tebiki Help Desk <helpdesk@localhost>"),
    // The address requesters reply to (its plus-addresses name the ticket); default: MAIL_FROM's.
    MAIL_REPLY_TO: z.preprocess((v) => (v === "" ? undefined : v), z.email().optional()),
    // Inbound mail (issue 11): the help desk's mailbox, and/or an SMTP port for a relay to deliver to.
    IMAP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^imaps?$/ }).optional()),
    INBOUND_SMTP_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
    // Addresses (or "@domain") the listener accepts mail for, comma-separated; default: the reply address.
    INBOUND_SMTP_RECIPIENTS: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    // The first retry delay of a failed mail (doubling, capped at an hour). Tests shorten it.
    MAIL_RETRY_BASE_MS: count(60_000),
    // Whether this instance runs the job queue's worker (lib/jobs/queue.ts): false when the jobs run
    // in their own process instead (scripts/worker.ts). Jobs are added either way.
    JOB_WORKER: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    // Whether the SLA check runs every minute by itself (default). The e2e server turns it off: its
    // clock specs move the SLA clock days ahead, and a minute's check then would alert every open
    // ticket of the whole run at once; its breach spec asks for the check when it wants one.
    SLA_CHECK_CRON: z
      .enum(["true", "false"])
      .default("true")
      .transform((v) => v === "true"),
    // How long a worker holds an inbound mail it took; a crashed worker's mails wait this long. Tests shorten it.
    INBOUND_LEASE_MS: count(120_000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    INTAKE_LIMIT_10MIN: count(5),
    INTAKE_LIMIT_HOUR: count(20),
    INTAKE_LIMIT_DAY: count(240),
    INCIDENT_THRESHOLD: count(5),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    // https served by the app itself (server.ts); usually a proxy in front terminates TLS instead.
    TLS_CERT_FILE: z.string().optional(),
    TLS_KEY_FILE: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "AUTH_SECRET is required in production" });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together",
      });
    }
    if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
      ctx.addIssue({ code: "custom", path: ["TLS_CERT_FILE"], message: "TLS_CERT_FILE and TLS_KEY_FILE must be set together" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

/** Parses an environment; the error has one line per problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
}

let cached: Env | undefined;

/** The validated process environment. Read lazily: `next build` imports modules without one. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The auth secret: required in production (checked above), a fixed one for development and tests. */
export function authSecret(): string {
  return env().AUTH_SECRET ?? "tebiki-development-secret-not-for-production-use";
}
