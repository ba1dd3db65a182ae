// The query of a report's page and CSV (/admin/reports/<name>, /api/admin/reports/<name>.csv).
import { z } from "zod";

export const REPORT_DEFAULT_DAYS = 30;

export const ReportParamsSchema = z.object({
  days: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return REPORT_DEFAULT_DAYS;
      const n = /^\d{1,3}$/.test(v) ? Number(v) : NaN;
      if (!(n >= 1 && n <= 366)) {
        ctx.addIssue({ code: "custom", message: "days は 1〜366 の整数で指定してください。" });
        return z.NEVER;
      }
      return n;
    }),
});

export type ReportParams = z.output<typeof ReportParamsSchema>;
