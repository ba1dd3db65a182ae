// The admin's business calendar and SLA forms (issue 13, decision 0028), and the stored hours' shape.
import { z } from "zod";
import { WEEKDAYS, type OpeningHours, type Weekday } from "@/lib/business-time/calendar";
import { CONTROL_CHARACTER_MESSAGE, plainString } from "@/lib/validation/text";

const StoredHoursSchema = z.record(
  z.enum(["1", "2", "3", "4", "5", "6", "7"]),
  z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)]).refine(([o, c]) => c > o),
);

/** The stored JSON as hours, or null when it is not what this module writes. */
export function parseStoredHours(json: unknown): Partial<Record<Weekday, OpeningHours>> | null {
  const parsed = StoredHoursSchema.safeParse(json);
  if (!parsed.success) return null;
  return Object.fromEntries(Object.entries(parsed.data).map(([d, h]) => [Number(d), h])) as Partial<Record<Weekday, OpeningHours>>;
}

/** "08:30" → 510; "24:00" is the end of the day. */
export function parseClock(value: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 1440 ? minutes : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const time = z.string().max(5);

/** One weekday's row of the hours form: open or not, and its times. */
const DaySchema = z
  .object({ open: z.boolean(), opens: time, closes: time })
  .superRefine((d, ctx) => {
    if (!d.open) return;
    const opens = parseClock(d.opens);
    const closes = parseClock(d.closes);
    if (opens === null) ctx.addIssue({ code: "custom", path: ["opens"], message: "開始時刻を HH:MM で入力してください。" });
    if (closes === null) ctx.addIssue({ code: "custom", path: ["closes"], message: "終了時刻を HH:MM で入力してください。" });
    if (opens !== null && closes !== null && closes <= opens) ctx.addIssue({ code: "custom", path: ["closes"], message: "終了時刻は開始時刻より後にしてください。" });
  });

export const CalendarHoursSchema = z
  .object({
    days: z.record(z.enum(["1", "2", "3", "4", "5", "6", "7"]), DaySchema),
    warningMinutes: z.coerce
      .number({ error: "分を数字で入力してください。" })
      .int("分を整数で入力してください。")
      .min(0, "0以上で入力してください。")
      .max(5 * 24 * 60, "7200分以内で入力してください。"),
  })
  .superRefine((v, ctx) => {
    if (!WEEKDAYS.some((d) => v.days[String(d) as "1"]?.open)) ctx.addIssue({ code: "custom", path: ["days"], message: "少なくとも1つの曜日を営業日にしてください。" });
  });
export type CalendarHoursInput = z.infer<typeof CalendarHoursSchema>;

export function hoursFromInput(input: CalendarHoursInput): Partial<Record<Weekday, OpeningHours>> {
  const hours: Partial<Record<Weekday, OpeningHours>> = {};
  for (const d of WEEKDAYS) {
    const day = input.days[String(d) as "1"];
    if (day?.open) hours[d] = [parseClock(day.opens)!, parseClock(day.closes)!];
  }
  return hours;
}

export const ClosureDaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日付を YYYY-MM-DD で入力してください。").refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "存在する日付を入力してください。"),
  label: plainString(CONTROL_CHARACTER_MESSAGE.ja).trim().min(1, "名前を入力してください（例: 年末年始）。").max(60, "60文字以内で入力してください。"),
});
export type ClosureDayInput = z.infer<typeof ClosureDaySchema>;

/** A target typed as hours and minutes; both empty = no target. */
const target = z
  .object({ hours: z.string().max(6), minutes: z.string().max(6) })
  .transform((v, ctx) => {
    const h = v.hours.trim();
    const m = v.minutes.trim();
    if (!h && !m) return null;
    const hours = h ? Number(h) : 0;
    const minutes = m ? Number(m) : 0;
    if (!Number.isInteger(hours) || hours < 0 || hours > 2000 || !Number.isInteger(minutes) || minutes < 0 || minutes > 59) {
      ctx.addIssue({ code: "custom", message: "時間は0〜2000、分は0〜59の整数で入力してください。" });
      return z.NEVER;
    }
    const total = hours * 60 + minutes;
    if (total === 0) {
      ctx.addIssue({ code: "custom", message: "目標なしにするには両方を空にしてください。" });
      return z.NEVER;
    }
    return total;
  });

export const SlaPolicyRowSchema = z.object({ firstResponse: target, resolution: target });
export type SlaPolicyRowInput = z.input<typeof SlaPolicyRowSchema>;
