// Checks the proxy makes on a POST to a page (a server action, with or without JavaScript) before
// Next sees it, so that the refusals are pages in the user's language rather than Next's bare 500s
// (issue 8, defects 4 and 5). Pure functions of the request headers, unit-tested beside this file.
import type { Locale } from "@/lib/i18n";

/** Next's own bodySizeLimit for server actions and the proxy's body buffer (next.config.ts). */
export const ACTION_BODY_LIMIT_MB = 16;
export const ACTION_BODY_LIMIT_BYTES = ACTION_BODY_LIMIT_MB * 1024 * 1024;

type HeaderReader = { get(name: string): string | null };

/**
 * Whether a POST comes from another site. Mirrors the rule in Next's action handler (Origin's host
 * against X-Forwarded-Host, else Host), which otherwise aborts such an action with a 500. No Origin
 * at all passes, as in Next: browsers send one on every form POST, so only hand-made requests lack it,
 * and those carry no one else's cookies.
 */
export function isCrossOrigin(headers: HeaderReader): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  if (origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || headers.get("host");
  return !host || originHost !== host;
}

/** The declared body size is over what Next would read (it answers that with a bare 500). */
export function isOverBodyLimit(headers: HeaderReader): boolean {
  const length = Number(headers.get("content-length") ?? 0);
  return Number.isFinite(length) && length > ACTION_BODY_LIMIT_BYTES;
}

const PAGES = {
  forbidden: {
    ja: {
      title: "403 送信できませんでした",
      body: "このフォームは別のサイトから送信されたため、受け付けませんでした。ヘルプセンターのページを開き直して、そこから送信してください。",
      home: "ITヘルプセンターのトップへ",
    },
    en: {
      title: "403 This could not be sent",
      body: "This form was sent from another site, so it was not accepted. Open the help center page again and send it from there.",
      home: "Help center home",
    },
  },
  tooLarge: {
    ja: {
      title: "413 送信内容が大きすぎます",
      body: `送信内容が${ACTION_BODY_LIMIT_MB}MBを超えたため、受け付けませんでした。ブラウザの「戻る」で前のページに戻ると、入力した内容が残っていることがあります。スクリーンショットは5MB以下の画像を選んでください。`,
      home: "ITヘルプセンターのトップへ",
    },
    en: {
      title: "413 What you sent is too large",
      body: `What you sent is larger than ${ACTION_BODY_LIMIT_MB} MB, so it was not accepted. Your browser's Back button usually brings the form back with what you typed; choose a screenshot of 5 MB or less.`,
      home: "Help center home",
    },
  },
} as const;

/** A small self-contained HTML page for a refusal (no layout: the proxy answers before any route). */
export function refusalPage(kind: keyof typeof PAGES, locale: Locale): string {
  const t = PAGES[kind][locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6"><main><h1>${t.title}</h1><p>${t.body}</p><p><a href="/${locale}">${t.home}</a></p></main></body></html>`;
}
