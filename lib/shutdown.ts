// Work to finish before the process exits (the mail sender, the database pool). Registered from
// inside Next's bundles (instrumentation.ts) and run by the custom server (server.ts), which load
// separate copies of this module: the list lives on globalThis under a registered symbol.
type Hook = () => Promise<void> | void;

const KEY = Symbol.for("tebiki.shutdown-hooks");
const holder = globalThis as unknown as Record<symbol, Hook[] | undefined>;

function hooks(): Hook[] {
  return (holder[KEY] ??= []);
}

export function onShutdown(hook: Hook): void {
  hooks().push(hook);
}

/** Runs every hook once, in order; a failing hook does not keep the others from running. */
export async function runShutdownHooks(report: (error: unknown) => void = () => {}): Promise<void> {
  for (const hook of hooks().splice(0)) {
    try {
      await hook();
    } catch (error) {
      report(error);
    }
  }
}

// Run the moment shutdown begins, before the server waits for open connections to finish: a
// response that never ends by itself (a live update stream) would otherwise hold the drain until
// its deadline and be cut.
const START_KEY = Symbol.for("tebiki.shutdown-start-hooks");

function startHooks(): Hook[] {
  return (holder[START_KEY] ??= []);
}

export function onShutdownStart(hook: Hook): void {
  startHooks().push(hook);
}

export async function runShutdownStartHooks(report: (error: unknown) => void = () => {}): Promise<void> {
  for (const hook of startHooks().splice(0)) {
    try {
      await hook();
    } catch (error) {
      report(error);
    }
  }
}
