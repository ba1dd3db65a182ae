import { describe, expect, it } from "vitest";
import { getGuide } from "@/lib/content";
import { buildIntakeSchema } from "@/lib/guides/intake-schema";
import { formatJstDateTime, parseJstDateTime } from "@/lib/jst";
import { fieldErrors, formDataToRaw } from "@/lib/validation/intake";

// The SSO form opened without a walk: every question asked, as the hand-written schema did.
const intakeSchema = (locale: "ja" | "en", now?: () => Date) => buildIntakeSchema(getGuide("jaist-sso")!, locale, null, { now });

const NOW = new Date("2026-11-25T03:00:00Z"); // 12:00 in Japan
const schema = (locale: "ja" | "en" = "ja") => intakeSchema(locale, () => NOW);

const valid = {
  name: "山田 太郎",
  username: "s1234567",
  affiliation: "student",
  email: "taro@example.com",
  failedAt: "2026-11-25T11:30",
  network: "off-campus",
  service: "webmail",
  messageShown: "cert-invalid-no-otp",
  factor: "certificate",
  stopsAt: "after-password",
  contactFormLogin: "not-tried",
  tried: ["step0", "step2", "private-window"],
  description: "自宅から Webmail にログインできません。",
};

function errorsOf(input: Record<string, unknown>, locale: "ja" | "en" = "ja") {
  const result = schema(locale).safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

describe("intakeSchema", () => {
  it("accepts a complete request and interprets the time in Japan time", () => {
    const data = schema().parse(valid);
    expect((data.failedAt as Date).toISOString()).toBe("2026-11-25T02:30:00.000Z");
    expect(data.locale).toBe("ja");
    // Opened without a walk: the guide's steps are no boxes on the form, so only the extras stay.
    expect(data.tried).toEqual(["private-window"]);
  });

  it("normalises full-width username and e-mail to half-width", () => {
    const data = schema().parse({ ...valid, username: "Ｓ１２３４５６７", email: " ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ " });
    expect(data.username).toBe("s1234567");
    expect(data.email).toBe("taro@example.com");
  });

  it("refuses a whole mail address as username, with the hint to drop @jaist.ac.jp", () => {
    expect(errorsOf({ ...valid, username: "s1234567@jaist.ac.jp" }).username?.[0]).toContain("@jaist.ac.jp");
    expect(errorsOf({ ...valid, username: "ｓ１２３４５６７＠ｊａｉｓｔ．ａｃ．ｊｐ" }, "en").username?.[0]).toContain('"@jaist.ac.jp"');
  });

  it("checks the username rule for students and allows staff mail-address parts", () => {
    expect(errorsOf({ ...valid, username: "yamada" }).username).toHaveLength(1);
    expect(errorsOf({ ...valid, username: "t-yamada", affiliation: "staff" })).toEqual({});
    expect(errorsOf({ ...valid, username: "山田", affiliation: "staff" }).username).toHaveLength(1);
  });

  it("requires the required fields, every one reported at once", () => {
    const errors = errorsOf({});
    for (const field of ["name", "username", "affiliation", "email", "failedAt", "network", "service", "messageShown", "factor", "stopsAt", "contactFormLogin", "description"]) {
      expect(errors[field], field).toBeDefined();
    }
    expect(errors.tried).toBeUndefined();
  });

  it("treats blank text as missing and enforces the length limits", () => {
    expect(errorsOf({ ...valid, name: "   " }).name).toEqual(["入力してください。"]);
    expect(errorsOf({ ...valid, description: "あ".repeat(5000) })).toEqual({});
    expect(errorsOf({ ...valid, description: "あ".repeat(5001) }).description).toEqual(["5000文字以内で入力してください。"]);
    expect(errorsOf({ ...valid, name: "x".repeat(101) }, "en").name).toEqual(["Use at most 100 characters."]);
  });

  it("asks for the text of 'other' service and message", () => {
    const errors = errorsOf({ ...valid, service: "other", messageShown: "other", description: "" });
    expect(errors.serviceOther).toHaveLength(1);
    expect(errors.messageOther).toHaveLength(1);
    expect(errors.description).toHaveLength(1);
    expect(errorsOf({ ...valid, service: "other", serviceOther: "Moodle", messageShown: "other", messageOther: "Error 500" })).toEqual({});
  });

  it("refuses a failure time in the future beyond five minutes of clock skew", () => {
    expect(errorsOf({ ...valid, failedAt: "2026-11-25T12:04" })).toEqual({});
    expect(errorsOf({ ...valid, failedAt: "2026-11-25T12:06" }).failedAt).toEqual(["未来の日時は指定できません。"]);
    expect(errorsOf({ ...valid, failedAt: "2026-02-31T10:00" }).failedAt).toHaveLength(1);
    expect(errorsOf({ ...valid, failedAt: "yesterday" }).failedAt).toHaveLength(1);
  });

  it("refuses secrets in free text and lets a certificate serial through in its field", () => {
    expect(errorsOf({ ...valid, description: "パスワードは Tebiki2026! です" }).description?.[0]).toContain("削除");
    expect(errorsOf({ ...valid, messageShown: "other", messageOther: "OTP 123456 が無効" }).messageOther).toHaveLength(1);
    expect(errorsOf({ ...valid, certificateInfo: "シリアル番号 12345678 / 2025-04-01" })).toEqual({});
    expect(errorsOf({ ...valid, description: "パスワードは10文字以上と聞きました" })).toEqual({});
  });

  it("refuses values outside the vocabularies", () => {
    expect(errorsOf({ ...valid, network: "moon" }).network).toEqual(["選択してください。"]);
    expect(errorsOf({ ...valid, tried: ["<script>"] }).tried).toHaveLength(1);
  });
});

describe("form data and Japan time helpers", () => {
  it("reads repeated checkboxes as a list and drops empty optional fields", () => {
    const fd = new FormData();
    fd.append("name", "A");
    fd.append("tried", "step0");
    fd.append("tried", "other-device");
    fd.append("device", "");
    fd.append("$ACTION_ID_abc", "");
    expect(formDataToRaw(fd, ["tried"])).toEqual({ name: "A", tried: ["step0", "other-device"] });
  });

  it("round-trips a datetime-local value in Japan time", () => {
    expect(formatJstDateTime(new Date("2026-11-24T15:30:00Z"))).toBe("2026-11-25T00:30");
    expect(parseJstDateTime("2026-11-25T00:30")?.toISOString()).toBe("2026-11-24T15:30:00.000Z");
  });
});
