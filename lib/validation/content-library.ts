// The forms of the content library (issue 12): articles, links, topics. Admin UI, so Japanese
// messages (docs/decisions/0005). Whether a topic or an owner exists is checked on the server.
import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE_BOTH, plainString } from "@/lib/validation/text";

const line = (what: string, max: number) =>
  plainString(CONTROL_CHARACTER_MESSAGE_BOTH)
    .trim()
    .min(1, { error: `${what}を入力してください` })
    .max(max, { error: `${what}は${max}文字以内で入力してください` })
    .refine((s) => !/[\r\n]/.test(s), { error: `${what}は1行で入力してください` });

const body = (what: string) =>
  plainString(CONTROL_CHARACTER_MESSAGE_BOTH).trim().min(1, { error: `${what}を入力してください` }).max(100_000, { error: `${what}は100,000文字以内です` });

const note = plainString(CONTROL_CHARACTER_MESSAGE_BOTH).trim().max(500, { error: "メモは500文字以内で入力してください" });

const baseNumber = z.coerce.number({ error: "画面を再読み込みしてください" }).int().min(0);

export const ArticleFormSchema = z.object({
  titleJa: line("タイトル(日本語)", 200),
  titleEn: line("タイトル(英語)", 200),
  descriptionJa: line("説明(日本語)", 500),
  descriptionEn: line("説明(英語)", 500),
  topic: z.string().min(1, { error: "トピックを選んでください" }),
  bodyJa: body("本文(日本語)"),
  bodyEn: body("本文(英語)"),
  note,
  baseNumber,
});
export type ArticleFormInput = z.infer<typeof ArticleFormSchema>;

/** A date input's value, or empty for "no review date". */
const reviewBy = z.union([z.literal(""), z.iso.date({ error: "日付を正しく入力してください(例: 2027-04-01)" })]);

export const ArticleOwnerSchema = z.object({ ownerId: z.union([z.literal(""), z.uuid({ error: "担当者を選び直してください" })]), reviewBy });

/** http(s) or mailto only: a javascript: or data: address in a help page would run in the reader's browser. */
export const OutsideUrlSchema = z
  .string()
  .trim()
  .max(2000, { error: "URLは2,000文字以内で入力してください" })
  .refine(
    (value) => {
      if (value === "") return true;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return false;
      }
      if (url.protocol === "mailto:") return url.pathname.includes("@");
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
    },
    { error: "URLは http:// か https:// で始まるアドレス、または mailto:アドレス で入力してください(例: https://www.jaist.ac.jp/)" },
  );

export const LinkFormSchema = z.object({
  labelJa: line("表示名(日本語)", 200),
  labelEn: line("表示名(英語)", 200),
  url: OutsideUrlSchema,
  note,
  baseNumber,
});

export const TopicFormSchema = z.object({
  labelJa: line("名前(日本語)", 100),
  labelEn: line("名前(英語)", 100),
  position: z.coerce.number({ error: "順番は数字で入力してください" }).int({ error: "順番は整数で入力してください" }).min(0).max(999),
  baseNumber,
});
