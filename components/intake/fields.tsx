// Form fields with their label, help text and error wired up for assistive technology: the error
// and help are named by aria-describedby, a field with an error is aria-invalid.
import type { ReactNode } from "react";

export const fieldId = (name: string) => `f-${name}`;
export const errorId = (name: string) => `f-${name}-error`;
const helpId = (name: string) => `f-${name}-help`;

/** Where the error summary's link for a field points: the input, or a group's first option. */
export const anchorId = (name: string, grouped: boolean) => (grouped ? `${fieldId(name)}-0` : fieldId(name));

const describedBy = (name: string, help?: ReactNode, error?: string[]) =>
  [help ? helpId(name) : null, error?.length ? errorId(name) : null].filter(Boolean).join(" ") || undefined;

export const inputClass = (error?: string[]) =>
  `block w-full min-h-11 rounded-md border bg-white px-3 py-2 text-base text-slate-900 ${error?.length ? "border-red-700 ring-1 ring-red-700" : "border-slate-500"}`;

function Badge({ children }: { children: ReactNode }) {
  return <span className="ml-2 inline-block rounded bg-brand-50 px-2 text-xs font-normal text-brand-800">{children}</span>;
}

function Mark({ required, text }: { required?: boolean; text: { required: string; optional: string } }) {
  return <>{" "}<span className={`ml-1 text-xs font-normal ${required ? "text-red-800" : "text-slate-600"}`}>({required ? text.required : text.optional})</span></>;
}

export function FieldError({ name, error }: { name: string; error?: string[] }) {
  if (!error?.length) return null;
  return (
    <p id={errorId(name)} className="mt-1 text-sm font-medium text-red-700">
      {error.join(" ")}
    </p>
  );
}

type Common = {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string[];
  required?: boolean;
  marks: { required: string; optional: string };
};

export function TextField({
  name,
  label,
  help,
  error,
  required,
  marks,
  defaultValue,
  type = "text",
  multiline,
  ...rest
}: Common & {
  defaultValue?: string;
  type?: string;
  multiline?: boolean;
  rows?: number;
  autoComplete?: string;
  maxLength?: number;
  max?: string;
  inputMode?: "text" | "email" | "numeric";
  spellCheck?: boolean;
}) {
  const shared = {
    id: fieldId(name),
    name,
    defaultValue,
    "aria-describedby": describedBy(name, help, error),
    "aria-invalid": error?.length ? true : undefined,
    required,
    className: inputClass(error),
  };
  return (
    <div className="space-y-1">
      <label htmlFor={fieldId(name)} className="block font-semibold">
        {label}
        <Mark required={required} text={marks} />
      </label>
      {help ? (
        <p id={helpId(name)} className="text-sm text-slate-700">
          {help}
        </p>
      ) : null}
      {multiline ? <textarea rows={rest.rows ?? 8} {...shared} maxLength={rest.maxLength} spellCheck={rest.spellCheck} /> : <input type={type} {...shared} {...withoutRows(rest)} />}
      <FieldError name={name} error={error} />
    </div>
  );
}

function withoutRows<T extends { rows?: number }>(props: T): Omit<T, "rows"> {
  const { rows: _rows, ...rest } = props;
  void _rows;
  return rest;
}

export function ChoiceGroup({
  name,
  label,
  help,
  error,
  required,
  marks,
  options,
  defaultValue,
  badge,
  multiple,
  children,
}: Common & {
  /** reveals: ticking it shows the group's follow-up (children marked data-revealed), see globals.css */
  options: { value: string; label: ReactNode; lang?: string; reveals?: boolean }[];
  defaultValue?: string | string[];
  badge?: ReactNode;
  multiple?: boolean;
  children?: ReactNode;
}) {
  const selected = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  return (
    <fieldset className="space-y-1" aria-describedby={describedBy(name, help, error)}>
      <legend className="font-semibold">
        {label}
        {multiple ? null : <Mark required={required} text={marks} />}
        {badge ? <Badge>{badge}</Badge> : null}
      </legend>
      {help ? (
        <p id={helpId(name)} className="text-sm text-slate-700">
          {help}
        </p>
      ) : null}
      <div className={`rounded-md ${error?.length ? "border border-red-700 px-2" : ""}`}>
        {options.map((o, i) => (
          <label key={o.value} htmlFor={`${fieldId(name)}-${i}`} className="flex min-h-11 cursor-pointer items-start gap-3 py-2">
            <input
              id={`${fieldId(name)}-${i}`}
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={o.value}
              defaultChecked={selected.has(o.value)}
              required={required && !multiple}
              data-reveals={o.reveals ? "" : undefined}
              aria-invalid={error?.length ? true : undefined}
              className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
            />
            <span lang={o.lang}>{o.label}</span>
          </label>
        ))}
      </div>
      {children}
      <FieldError name={name} error={error} />
    </fieldset>
  );
}
