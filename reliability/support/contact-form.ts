// The contact form as a person fills it (the certificate walk answers the rest, and makes the STEP1
// login test moot), for cases that
// submit it while something is broken.
import { expect, type Page } from "@playwright/test";

export const CONTACT_PATH = "/ja/contact?guide=jaist-sso&walk=cert-invalid,use-cert,cert-imported,cert-still-failing";

export const TYPED = {
  name: "山田 太郎",
  username: "s2412345",
  description: "障害中に送信しました。入力した内容が消えないことを確認しています。",
};

export async function fillContactForm(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}${CONTACT_PATH}`);
  await page.getByLabel("氏名").fill(TYPED.name);
  await page.getByLabel("ユーザ名").fill(TYPED.username);
  await page.getByRole("radio", { name: "学生" }).check();
  await page.getByLabel("返信先メールアドレス").fill(email);
  await page.getByRole("radio", { name: "Webmail" }).check();
  await page.getByRole("radio", { name: "学外(自宅・外出先など)" }).check();
  await page.getByLabel("証明書のシリアル番号または発行日").fill("3A:1F:00:12");
  await page.getByLabel("状況の説明").fill(TYPED.description);
}

/** Everything typed is still in the form. */
export async function expectTypedValues(page: Page, email: string) {
  await expect(page.getByLabel("氏名")).toHaveValue(TYPED.name);
  await expect(page.getByLabel("ユーザ名")).toHaveValue(TYPED.username);
  await expect(page.getByLabel("返信先メールアドレス")).toHaveValue(email);
  await expect(page.getByLabel("状況の説明")).toHaveValue(TYPED.description);
  await expect(page.getByRole("radio", { name: "Webmail" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "学外(自宅・外出先など)" })).toBeChecked();
}
