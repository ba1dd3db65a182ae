// What changed since the agent's page: shown with a refused form, beside the kept input.
export function ConflictNotice({ id, error, changes, hint }: { id: string; error?: string; changes?: string[]; hint?: string }) {
  if (!error) return null;
  return (
    <div id={id} role="alert" className="mt-2 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900">
      <p className="font-semibold">{error}</p>
      {changes?.length ? (
        <ul className="mt-1 list-disc pl-5">
          {changes.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      ) : null}
      {hint ? <p className="mt-1">{hint}</p> : null}
    </div>
  );
}
