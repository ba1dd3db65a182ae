// Hours and minutes of one target; both empty = no target.
const field = "block min-h-11 w-16 rounded border border-slate-400 bg-white px-2";

export function TargetInputs({ id, label, hours, minutes, names, invalid, describedBy }: {
  id: string;
  label: string;
  hours: string;
  minutes: string;
  names: [string, string];
  invalid?: boolean;
  describedBy?: string;
}) {
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium">{label}</legend>
      <div className="flex items-center gap-1">
        <input id={`${id}-h`} name={names[0]} inputMode="numeric" defaultValue={hours} className={field} aria-label={`${label}(時間)`}
          aria-invalid={invalid || undefined} aria-describedby={describedBy} />
        <span aria-hidden="true">時間</span>
        <input id={`${id}-m`} name={names[1]} inputMode="numeric" defaultValue={minutes} className={field} aria-label={`${label}(分)`}
          aria-invalid={invalid || undefined} aria-describedby={describedBy} />
        <span aria-hidden="true">分</span>
      </div>
    </fieldset>
  );
}
