// The query parameters that make /{locale}/contact the dynamic page (a form, or the chooser's answer
// to ?q=). Without any of them it is the pre-rendered chooser (issue 14): next.config.ts rewrites to
// it, proxy.ts and lib/server/proxy-gate.ts decide the help session by the same list. No imports:
// next.config.ts loads this file.
export const CONTACT_DYNAMIC_KEYS = ["q", "guide", "walk", "description"] as const;
