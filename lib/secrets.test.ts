import { describe, expect, it } from "vitest";
import { findSecrets } from "@/lib/secrets";

describe("findSecrets", () => {
  it.each([
    "パスワードを変更しました",
    "パスワードは10文字以上と聞きました",
    "学籍番号は s1234567 です",
    "2026-11-25 の朝から失敗します",
    "OTPアプリを再登録したい",
    "ワンタイムパスワードを入力しても認証に失敗します。スマートフォンを機種変更しました。",
    "My password is correct, I checked it twice.",
    "I changed my password yesterday and the OTP app shows a code every 30 seconds.",
    "証明書の発行日は2025年4月1日です",
    "SSL-VPN から Webmail にアクセスしようとしています",
    "「認証に失敗しました。」と表示されます",
    "AUTHENTICATION FAILED AGAIN AND AGAIN",
    "電話番号は 0761-51-1111 です",
  ])("lets ordinary text pass: %s", (text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  it.each([
    ["パスワード: Abc123!xyz", "password"],
    ["パスワードは Tebiki2026! です", "password"],
    ["password=hunter22", "password"],
    ["My password is Summer#2026", "password"],
    ["pw: Xy7$abcd", "password"],
    ["パスワード：Ａｂｃ１２３４５６", "password"],
    ["OTPは123456でした", "otp-code"],
    ["ワンタイムパスワード 987 654 を入れました", "otp-code"],
    ["認証コード 12345678 が通りません", "otp-code"],
    ["the code 482913 was rejected", "otp-code"],
    ["シークレットキーは JBSWY3DPEHPK3PXP です", "otp-secret"],
    ["secret: jbsw y3dp ehpk 3pxp", "otp-secret"],
    ["recovery code: 4f2k-9x7q", "recovery-code"],
    ["バックアップコード 12345678 を使いました", "recovery-code"],
  ])("catches %s", (text, kind) => {
    expect(findSecrets(text)).toContain(kind);
  });
});
