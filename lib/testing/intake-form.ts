// The contact form as a requester who walked the certificate path of the SSO guide posts it: every
// field filled, a fresh address and idempotency key per call. Shared by the intake tests.
import { randomUUID } from "node:crypto";
import { formatJstDateTime } from "@/lib/jst";

export const CERT_WALK = "cert-invalid,use-cert,cert-imported,cert-still-failing";

export function certificateWalkForm(overrides: Record<string, unknown> = {}, emailPrefix = "taro") {
  return {
    name: "山田 太郎",
    username: "s2412345",
    affiliation: "student",
    email: `${emailPrefix}.${randomUUID().slice(0, 8)}@example.com`,
    failedAt: formatJstDateTime(new Date(Date.now() - 3_600_000)),
    network: "off-campus",
    service: "webmail",
    messageShown: "cert-invalid-no-otp",
    factor: "certificate",
    stopsAt: "after-password",
    contactFormLogin: "not-tried",
    tried: ["step0", "step2", "step2-3", "step2-3-1", "private-window"],
    description: "証明書を選んでもログインできません。",
    guide: "jaist-sso",
    walk: CERT_WALK,
    idempotencyKey: `k-${randomUUID()}`,
    ...overrides,
  };
}
