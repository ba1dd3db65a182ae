import { describe, expect, it } from "vitest";
import { continuesTyping, loggedQuery, searchClickHref, searchClickTarget } from "@/lib/insight/search-query";

describe("loggedQuery", () => {
  it("normalises width, case and spaces so the same question counts once", () => {
    expect(loggedQuery("  ＯＴＰ　　Code ")).toBe("otp code");
    expect(loggedQuery("証明書\n失効")).toBe("証明書 失効");
  });

  it("masks what could identify or harm a person, keeps error codes", () => {
    expect(loggedQuery("s1234567 ログインできない")).toBe("s[number] ログインできない");
    expect(loggedQuery("taro@example.jp パスワード")).toBe("[email] パスワード");
    expect(loggedQuery("0761-51-1111")).toBe("[number]");
    expect(loggedQuery("password: Secret-123x")).not.toContain("secret-123x");
    expect(loggedQuery("AADSTS50126 error")).toBe("aadsts50126 error");
  });

  it("cuts to 200 characters; blanks are no query", () => {
    expect(loggedQuery("あ".repeat(500))).toHaveLength(200);
    expect(loggedQuery("   ")).toBe("");
  });
});

describe("continuesTyping", () => {
  it("joins a query typed on or cut back, not a new one", () => {
    expect(continuesTyping("証", "証明書")).toBe(true);
    expect(continuesTyping("証明書 失効", "証明書")).toBe(true);
    expect(continuesTyping("証明書", "wifi")).toBe(false);
  });
});

describe("search click target", () => {
  it("lands only on our guide and article pages", () => {
    const href = searchClickHref("00000000-0000-4000-8000-000000000000", "/ja/guides/jaist-sso/cert-invalid");
    expect(searchClickTarget(new URL(href, "http://x").searchParams.get("to"))).toBe("/ja/guides/jaist-sso/cert-invalid");
    expect(searchClickTarget("/en/articles/certificate-revoke")).toBe("/en/articles/certificate-revoke");
    for (const bad of ["https://evil.example/", "//evil.example/ja/guides/x", "/\\evil.example", "/ja/guides/../../admin", "/ja/guides/%2e%2e/%2e%2e/admin", "/ja/guides/x?y=1", "/admin/tickets", "/fr/guides/x", "javascript:alert(1)", null, ""]) {
      expect(searchClickTarget(bad), String(bad)).toBeNull();
    }
  });
});
