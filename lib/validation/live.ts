// The body the browser posts while its staff member types a reply (app/api/admin/live/presence).
import { z } from "zod";

export const LivePresenceSchema = z.object({ ticketId: z.uuid() }).strict();
