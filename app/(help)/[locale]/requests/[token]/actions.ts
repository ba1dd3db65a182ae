"use server";
// Public by design: the requester cannot log in; the secret status token is the only credential.
// Checked again here (never trusted from the page), with a per-IP limit in Postgres.
import { revalidatePath } from "next/cache";
import { clientIp } from "@/lib/client-ip";
import { addRequesterMessage } from "@/lib/tickets/requester-message";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { isLocale, type Locale } from "@/lib/i18n";
import { readScreenshot } from "@/lib/screenshot";
import { hit } from "@/lib/rate-limit";
import { jstTime } from "@/lib/jst";
import { log } from "@/lib/log";
import { fieldErrors, requesterMessageSchema, type FieldErrors } from "@/lib/validation/intake";

export type MessageState =
  | { status: "idle" }
  | { status: "sent"; attempt: number }
  | { status: "error"; attempt: number; errors: FieldErrors; formError?: string; message: string; hadFile: boolean };

const TEXT = {
  gone: { ja: "このお問い合わせにはメッセージを追加できません。", en: "Messages can no longer be added to this request." },
  tooLarge: { ja: "画像は5MBまでです。", en: "The image must be 5 MB or smaller." },
  notImage: { ja: "PNG・JPEG・WebP形式の画像を選んでください。", en: "Choose a PNG, JPEG or WebP image." },
  limited: (time: string) => ({
    ja: `送信が短時間に集中しています。${time} 以降にもう一度送信してください。`,
    en: `Too many messages from your network. Please try again at ${time} (Japan time).`,
  }),
};

const WINDOWS = [
  { limit: 10, seconds: 600 },
  { limit: 60, seconds: 86_400 },
];

export async function addMessage(previous: MessageState, formData: FormData): Promise<MessageState> {
  const token = String(formData.get("token") ?? "");
  const localeValue = formData.get("locale");
  const locale: Locale = isLocale(localeValue) ? localeValue : "ja";
  const message = typeof formData.get("message") === "string" ? String(formData.get("message")) : "";
  const file = formData.get("screenshot");
  const hadFile = file instanceof Blob && file.size > 0;
  const attempt = previous.status === "idle" ? 1 : previous.attempt + 1;
  const fail = (errors: FieldErrors, formError?: string): MessageState => ({ status: "error", attempt, errors, formError, message, hadFile });

  const parsed = requesterMessageSchema(locale).safeParse({ message });
  const shot = await readScreenshot(file);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  if (!shot.ok) errors.screenshot = [(shot.reason === "too-large" ? TEXT.tooLarge : TEXT.notImage)[locale]];
  if (!parsed.success || !shot.ok) return fail(errors);

  let added: Awaited<ReturnType<typeof addRequesterMessage>>;
  try {
    const limit = await hit(`request-message:ip:${await clientIp()}`, WINDOWS);
    if (!limit.ok) return fail({}, TEXT.limited(jstTime(limit.retryAt))[locale]);
    added = await addRequesterMessage(token, parsed.data.message, shot.screenshot);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "requester message: database unavailable");
    return fail({}, DATABASE_UNAVAILABLE_MESSAGE[locale]);
  }
  if (!added) return fail({}, TEXT.gone[locale]);
  revalidatePath(`/${locale}/requests/${token}`);
  return { status: "sent", attempt };
}
