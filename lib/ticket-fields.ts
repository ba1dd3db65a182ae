// The closed vocabularies of a ticket, with their labels: shared by the contact form (lib/validation/
// intake.ts), the requester's status page and the staff admin (filters, detail, CSV).
import type { Locale } from "@/lib/i18n";

type Labels<K extends string> = Record<K, { ja: string; en: string }>;

function vocabulary<const K extends string>(labels: Labels<K>) {
  const values = Object.keys(labels) as [K, ...K[]];
  // Values come from requests and stored rows: an own-property check, so "constructor" is no value.
  const label = (value: string, locale: Locale) => (Object.hasOwn(labels, value) ? (labels as Record<string, { ja: string; en: string }>)[value][locale] : value);
  return { values, labels, label };
}

export const AFFILIATION = vocabulary({
  student: { ja: "学生", en: "Student" },
  staff: { ja: "教職員", en: "Faculty or staff" },
  other: { ja: "その他", en: "Other" },
});

export const NETWORK = vocabulary({
  "campus-wifi": { ja: "学内Wi-Fi(JAIST / JAISTALL)", en: "Campus Wi-Fi (JAIST / JAISTALL)" },
  "campus-wired": { ja: "学内有線LAN", en: "Campus wired LAN" },
  "ssl-vpn": { ja: "SSL-VPN", en: "SSL-VPN" },
  newcomer: { ja: "NEWCOMER(新入生向けWi-Fi)", en: "NEWCOMER (Wi-Fi for new students)" },
  eduroam: { ja: "eduroam", en: "eduroam" },
  "off-campus": { ja: "学外(自宅・外出先など)", en: "Off campus (home, mobile, elsewhere)" },
  "other-vpn": { ja: "その他のVPN", en: "Another VPN" },
});

export const SERVICE = vocabulary({
  webmail: { ja: "Webmail", en: "Webmail" },
  "ssl-vpn": { ja: "SSL-VPN", en: "SSL-VPN" },
  other: { ja: "その他(具体的に)", en: "Other (say which)" },
});

export const MESSAGE_SHOWN = vocabulary({
  "auth-failed": { ja: "「認証に失敗しました。」", en: "「認証に失敗しました。」 (Authentication failed.)" },
  "cert-invalid-no-otp": {
    ja: "「提示したクライアント証明書が無効です。またワンタイムパスワード(OTP)の 登録がありません。」",
    en: "「提示したクライアント証明書が無効です。…」 (The certificate presented is invalid and no OTP is registered.)",
  },
  "oath-screen": { ja: "OATH AUTHENTICATION(OTP入力)画面で何を入力すればよいか分からない", en: "The OATH AUTHENTICATION (OTP) screen: I don't know what to type" },
  other: { ja: "その他のメッセージ(正確に入力)", en: "Another message (type it exactly)" },
  none: { ja: "メッセージは表示されない", en: "No message is shown" },
});

export const FACTOR = vocabulary({
  none: { ja: "なし(学内から)", en: "None (on campus)" },
  otp: { ja: "ワンタイムパスワード(OTP)", en: "One-time password (OTP)" },
  certificate: { ja: "クライアント証明書", en: "Client certificate" },
  fido2: { ja: "FIDO2", en: "FIDO2" },
});

export const STOPS_AT = vocabulary({
  "after-password": { ja: "パスワード入力後", en: "After the password" },
  "factor-screen": { ja: "認証要素(OTP・証明書)の画面", en: "At the second-factor screen" },
  "after-otp": { ja: "OTP入力後", en: "After entering the OTP" },
  "after-certificate": { ja: "証明書の選択後", en: "After choosing the certificate" },
  "no-login-page": { ja: "ログイン画面が表示されない", en: "The login page never appears" },
});

export const CONTACT_FORM_LOGIN = vocabulary({
  worked: { ja: "ログインできた", en: "It worked" },
  failed: { ja: "ログインできなかった", en: "It failed" },
  "not-tried": { ja: "試していない", en: "Not tried" },
});

/** Things a requester may have tried besides the guide's steps (which are tried as step ids). */
export const EXTRA_TRIED = vocabulary({
  "other-browser": { ja: "別のブラウザ", en: "Another browser" },
  "private-window": { ja: "プライベートウィンドウ", en: "A private window" },
  "other-device": { ja: "別の端末", en: "Another device" },
  "other-network": { ja: "別のネットワーク", en: "Another network" },
});

export const TICKET_STATUS = vocabulary({
  new: { ja: "新規", en: "New" },
  open: { ja: "対応中", en: "Open" },
  waiting: { ja: "回答待ち", en: "Waiting on requester" },
  resolved: { ja: "解決済み", en: "Resolved" },
  closed: { ja: "終了", en: "Closed" },
});

export const TICKET_PRIORITY = vocabulary({
  low: { ja: "低", en: "Low" },
  normal: { ja: "通常", en: "Normal" },
  high: { ja: "高", en: "High" },
  urgent: { ja: "緊急", en: "Urgent" },
});
