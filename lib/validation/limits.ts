// Limits and messages that client components show, in a module without zod: a client component that
// imported them from the schema modules would ship zod (about 30 KB gzip) to every page it is on.
// The schemas import them from here too, so the form and the server cannot disagree.

export const FEEDBACK_COMMENT_MAX = 1000;

export const CONTROL_CHARACTER_MESSAGE = {
  ja: "使用できない文字(NULなどの制御文字や壊れた文字)が含まれています。削除してから送信してください。",
  en: "This contains a character that cannot be used (a control character such as NUL, or a broken one). Remove it, then send again.",
} as const;
