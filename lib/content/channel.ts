/** The NOTIFY channel a publish announces itself on; every instance LISTENs (lib/content-live/). */
export const CONTENT_CHANNEL = "tebiki_content";
