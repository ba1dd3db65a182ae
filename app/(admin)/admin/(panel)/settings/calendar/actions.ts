"use server";
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/guards";
import { addClosureDay, removeClosureDay, saveCalendarHours } from "@/lib/sla/settings";
import { CalendarHoursSchema, ClosureDaySchema, hoursFromInput } from "@/lib/validation/business-calendar";
import { fieldErrors } from "@/lib/validation/form-errors";

export type DayValues = { open: boolean; opens: string; closes: string };
export type HoursState = { ok?: boolean; errors?: Record<string, string>; values?: { days: Record<string, DayValues>; warningMinutes: string } };
export type ClosureState = { ok?: string; errors?: Record<string, string>; values?: { day: string; label: string } };

const PATH = "/admin/settings/calendar";

export async function saveHoursAction(_prev: HoursState, formData: FormData): Promise<HoursState> {
  const user = await requireAdmin();
  const days: Record<string, DayValues> = {};
  for (const d of ["1", "2", "3", "4", "5", "6", "7"]) {
    days[d] = { open: formData.get(`open${d}`) === "on", opens: String(formData.get(`opens${d}`) ?? "").slice(0, 5), closes: String(formData.get(`closes${d}`) ?? "").slice(0, 5) };
  }
  const values = { days, warningMinutes: String(formData.get("warningMinutes") ?? "").slice(0, 10) };
  const parsed = CalendarHoursSchema.safeParse({ days, warningMinutes: values.warningMinutes.trim() === "" ? undefined : values.warningMinutes });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      // days.<weekday>.<opens|closes> → "opens3"; the weekday-less "days" issue and warningMinutes as they are.
      const key = issue.path[0] === "days" && issue.path.length === 3 ? `${String(issue.path[2])}${String(issue.path[1])}` : String(issue.path[0]);
      errors[key] ??= issue.message;
    }
    return { errors, values };
  }
  await saveCalendarHours(user, hoursFromInput(parsed.data), parsed.data.warningMinutes);
  revalidatePath(PATH);
  return { ok: true, values };
}

export async function addClosureAction(_prev: ClosureState, formData: FormData): Promise<ClosureState> {
  const user = await requireAdmin();
  const values = { day: String(formData.get("day") ?? "").slice(0, 20), label: String(formData.get("label") ?? "").slice(0, 200) };
  const parsed = ClosureDaySchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  await addClosureDay(user, parsed.data.day, parsed.data.label);
  revalidatePath(PATH);
  return { ok: parsed.data.day };
}

export async function removeClosureAction(formData: FormData): Promise<void> {
  const user = await requireAdmin();
  const day = String(formData.get("day") ?? "");
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) await removeClosureDay(user, day);
  revalidatePath(PATH);
}
