import { z } from "zod";
import { CONTROL_CHARACTER_MESSAGE_BOTH, plainString } from "@/lib/validation/text";

const optionalText = plainString(CONTROL_CHARACTER_MESSAGE_BOTH)
  .trim()
  .max(500, "500文字以内で入力してください。")
  .transform((v) => (v === "" ? null : v))
  .nullable();
const optionalDate = z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.date().nullable());

export const ServiceStatusSchema = z
  .object({
    state: z.enum(["operational", "degraded", "outage", "maintenance"]),
    messageJa: optionalText,
    messageEn: optionalText,
    since: optionalDate,
    until: optionalDate,
  })
  .refine((v) => !v.since || !v.until || v.until >= v.since, { path: ["until"], message: "until must not be before since" });

export type ServiceStatusInput = z.infer<typeof ServiceStatusSchema>;
