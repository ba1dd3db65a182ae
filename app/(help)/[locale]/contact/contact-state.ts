// The contact form's action state: plain data, so it crosses from the server action to the page
// (and, without JavaScript, back into the re-rendered page).
import type { FieldErrors } from "@/lib/validation/intake";

export type FormValues = Record<string, string | string[]>;

export type ContactState =
  | { status: "idle" }
  | { status: "error"; attempt: number; errors: FieldErrors; formError?: string; values: FormValues; hadFile: boolean }
  | {
      status: "done";
      reference: string;
      statusUrl: string | null;
      duplicate: boolean;
      email: string;
      summary: { label: string; value: string }[];
    };
