// A valid JSON body for POST /api/v1/tickets, unique per call (its e-mail address).
import { randomUUID } from "node:crypto";
import { formatJstDateTime } from "@/lib/jst";

export function apiBody(overrides: Record<string, unknown> = {}) {
  return {
    name: "API テスト",
    username: "s2499999",
    affiliation: "student",
    email: `api.${randomUUID().slice(0, 8)}@example.com`,
    // datetime-local in Japan time, a minute ago.
    failedAt: formatJstDateTime(new Date(Date.now() - 60_000)),
    network: "off-campus",
    service: "webmail",
    messageShown: "auth-failed",
    factor: "otp",
    stopsAt: "after-password",
    contactFormLogin: "failed",
    description: "API から送信しました。",
    // The SSO guide's own fields need their guide; without one the body is the generic form.
    guide: "jaist-sso",
    locale: "ja",
    ...overrides,
  };
}
