import type { Locale } from "@/lib/i18n";

export const CHOOSER_TEXT = {
  ja: {
    label: "どんなことでお困りですか?",
    help: "困っていることを短く入力してください(例: ログインできない、証明書、ワンタイムパスワード)。解決の手順が見つかるかもしれません。",
    submit: "探す",
    found: (n: number) => `${n}件のガイド・記事が見つかりました。当てはまるものを開いてください。`,
    none: "入力した言葉に一致するガイドや記事は見つかりませんでした。",
    failed: "候補を読み込めませんでした。「探す」ボタンで探せます。",
    guides: "ガイドの一覧",
    writeTitle: "どれも当てはまらない場合",
    write: "ヘルプデスクに問い合わせる",
  },
  en: {
    label: "What is the problem?",
    help: "Describe it in a few words (e.g. cannot log in, certificate, one-time password). A guide may already solve it.",
    submit: "Find help",
    found: (n: number) => `${n} guides and articles found. Open the one that fits.`,
    none: "No guide or article matches these words.",
    failed: "Suggestions could not be loaded. Use the Find help button.",
    guides: "All guides",
    writeTitle: "None of these?",
    write: "Write to the help desk",
  },
} as const satisfies Record<Locale, unknown>;
