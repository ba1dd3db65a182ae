// Starts scripts/inbound-worker.ts (the IMAP fetcher and processor without the web server) as a
// process of its own, for the reliability suite to kill and the inbound benchmark to time (issue 11).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type InboundWorkerProcess = {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export function startInboundWorker(env: Record<string, string>): InboundWorkerProcess {
  const script = path.join(process.cwd(), "scripts", "inbound-worker.ts");
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    output: () => output,
    kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function imapUrl(mailbox: { user: string; password: string; host: string; imapPort: number }) {
  return `imap://${encodeURIComponent(mailbox.user)}:${encodeURIComponent(mailbox.password)}@${mailbox.host}:${mailbox.imapPort}/INBOX`;
}
