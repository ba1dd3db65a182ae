"use client";

// The unexpected, for example the database being down: a clear message, never the raw error.
export default function HelpError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h1 className="text-xl font-bold">ただいま表示できません / This page is temporarily unavailable</h1>
      <p>
        システムが一時的に応答していません。しばらくしてから再度お試しください。
        <br />
        <span lang="en">The system is not responding right now. Please try again in a few minutes.</span>
      </p>
      <button
        type="button"
        onClick={reset}
        className="min-h-11 rounded bg-brand-700 px-4 font-semibold text-white"
      >
        再試行 / Try again
      </button>
    </div>
  );
}
