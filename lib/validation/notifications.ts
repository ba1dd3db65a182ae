import { z } from "zod";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";

const checked = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const choice = z.object({ inApp: checked, mail: checked });

/**
 * The notification settings form: every kind's two checkboxes (an unchecked box is absent from the
 * form) and the followed guides. Whether a followed key names a guide is checked on the server.
 */
export const NotificationSettingsSchema = z.object({
  choices: z.object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, choice])) as Record<NotificationKind, typeof choice>),
  follows: z.array(z.string().max(100)).max(200),
});
export type NotificationSettingsInput = z.infer<typeof NotificationSettingsSchema>;

/** Reads the form's flat names (`assigned.mail`, `follow`) into the schema's shape. */
export function notificationSettingsFromForm(formData: FormData) {
  return {
    choices: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, { inApp: formData.get(`${k}.inApp`), mail: formData.get(`${k}.mail`) }])),
    follows: formData.getAll("follow").map(String),
  };
}
