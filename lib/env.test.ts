import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/db" };

describe("environment validation", () => {
  it("applies defaults", () => {
    const env = parseEnv(base);
    expect(env.INTAKE_LIMIT_10MIN).toBe(5);
    expect(env.INTAKE_LIMIT_HOUR).toBe(20);
    expect(env.INTAKE_LIMIT_DAY).toBe(240);
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("reports one clear line per problem", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "mysql://x", SMTP_URL: "not a url", INTAKE_LIMIT_HOUR: "-1" }),
    ).toThrowError(
      /Invalid environment:\n {2}DATABASE_URL: DATABASE_URL must be a postgresql:\/\/ URL\n {2}SMTP_URL: .+\n {2}INTAKE_LIMIT_HOUR: .+\n {2}AUTH_SECRET: AUTH_SECRET is required in production$/,
    );
  });

  it("wants all three OpenID Connect settings or none", () => {
    expect(() => parseEnv({ ...base, OIDC_ISSUER: "https://idp.example.edu" })).toThrow(/must be set together/);
    expect(parseEnv({ ...base, OIDC_ISSUER: "https://idp.example.edu", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" }).OIDC_CLIENT_ID).toBe("a");
  });
});
