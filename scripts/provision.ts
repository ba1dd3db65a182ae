// Real servers and programs the tests need (a browser today, an IMAP server later), found or installed
// by the test command itself so that `npm test` passes on a machine where nothing was installed by hand
// (docs/decisions/0012-test-provisioning.md). One mechanism for every such program:
//   1. a program already on the machine (the first existing candidate path);
//   2. else Debian's package, when we run as root on Debian or Ubuntu (`apt-get install`);
//   3. else the program's own installer, if it has one (e.g. `playwright install chromium`);
// each install step under a time limit, so that a machine without network fails fast with one line
// saying what to install.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export type Requirement = {
  /** What it is, for messages: "a Chromium browser". */
  name: string;
  /** Paths to try, in order; a function is asked when it is reached (e.g. Playwright's cache). */
  candidates: (string | (() => string | undefined))[];
  /** Debian packages that provide a candidate (the first package named is the one that must come). */
  apt?: string[];
  /** The program's own installer, tried when apt is not possible or did not provide it. */
  installer?: { command: string[]; timeoutMs?: number };
  /** The one line shown when nothing worked: what a person should install. */
  hint: string;
};

export type Provisioned = { ok: true; path: string; installedBy?: string } | { ok: false; message: string };

export type ProvisionOptions = {
  log?: (line: string) => void;
  /** Whether apt-get may be used; default: running as root on Debian/Ubuntu with apt-get present. */
  canUseApt?: boolean;
  aptTimeoutMs?: number;
};

/** The first candidate that exists on this machine. */
export function findProgram(candidates: Requirement["candidates"]): string | undefined {
  for (const candidate of candidates) {
    const file = typeof candidate === "function" ? candidate() : candidate;
    if (file && existsSync(file)) return file;
  }
  return undefined;
}

export function aptAvailable(): boolean {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return root && existsSync("/etc/debian_version") && existsSync("/usr/bin/apt-get");
}

/** Runs a command with a time limit; resolves true when it exited 0 in time. Output goes to `log`. */
export function runWithTimeout(command: string[], timeoutMs: number, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { env, stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-2000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => {
      log(`${command.join(" ")}: no result after ${Math.round(timeoutMs / 1000)} s, stopped`);
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      log(`${command[0]}: ${error.message}`);
      resolve(false);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0 && tail.trim()) log(`${command.join(" ")} failed:\n${tail.trim().split("\n").slice(-5).join("\n")}`);
      resolve(code === 0);
    });
  });
}

let aptUpdated = false;

async function installWithApt(packages: string[], timeoutMs: number, log: (line: string) => void): Promise<boolean> {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => runWithTimeout(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...packages], timeoutMs, log, env);
  // A fresh machine's package lists may be empty or old: update once per run, then install.
  if (!aptUpdated) {
    if (await install()) return true;
    aptUpdated = true;
    if (!(await runWithTimeout(["apt-get", "update", "-qq"], timeoutMs, log, env))) return false;
  }
  return install();
}

/** Finds the program, or installs it, or says in one line what to install. */
export async function provision(requirement: Requirement, options: ProvisionOptions = {}): Promise<Provisioned> {
  const log = options.log ?? (() => {});
  const found = findProgram(requirement.candidates);
  if (found) return { ok: true, path: found };

  const canUseApt = options.canUseApt ?? aptAvailable();
  if (requirement.apt?.length && canUseApt) {
    log(`${requirement.name} is missing: apt-get install ${requirement.apt.join(" ")}`);
    if (await installWithApt(requirement.apt, options.aptTimeoutMs ?? 300_000, log)) {
      const installed = findProgram(requirement.candidates);
      if (installed) return { ok: true, path: installed, installedBy: "apt-get" };
    }
  }
  if (requirement.installer) {
    log(`${requirement.name} is missing: ${requirement.installer.command.join(" ")}`);
    if (await runWithTimeout(requirement.installer.command, requirement.installer.timeoutMs ?? 300_000, log)) {
      const installed = findProgram(requirement.candidates);
      if (installed) return { ok: true, path: installed, installedBy: requirement.installer.command[0] };
    }
  }
  return { ok: false, message: requirement.hint };
}

/** Playwright's own Chromium, where `playwright install chromium` put it (undefined when not there). */
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The browser of the end-to-end tests: Debian's Chromium first (CI and these machines), then Playwright's. */
export const BROWSER: Requirement = {
  name: "a Chromium browser for the end-to-end tests",
  candidates: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", playwrightChromium],
  // The IPA Gothic font makes Japanese readable in screenshots; Chromium alone would show boxes.
  apt: ["chromium", "fonts-ipafont-gothic"],
  installer: { command: ["node_modules/.bin/playwright", "install", "chromium"], timeoutMs: 300_000 },
  hint: "no browser for the end-to-end tests: install Chromium (as root on Debian/Ubuntu: apt-get install chromium; elsewhere: npx playwright install chromium)",
};

/** Dovecot only counts when both its IMAP and its LMTP service are installed (two Debian packages). */
function dovecotWithImapAndLmtp(): string | undefined {
  const program = "/usr/sbin/dovecot";
  return ["/usr/lib/dovecot/imap", "/usr/lib/dovecot/lmtp"].every((file) => existsSync(file)) ? program : undefined;
}

/** The IMAP server of the mail-loop tests (issue 11): Dovecot, started privately by lib/testing/dovecot.ts. */
export const DOVECOT: Requirement = {
  name: "Dovecot (IMAP and LMTP) for the mail tests",
  candidates: [dovecotWithImapAndLmtp],
  apt: ["dovecot-imapd", "dovecot-lmtpd"],
  hint: "no IMAP server for the mail tests: install Dovecot (as root on Debian/Ubuntu: apt-get install dovecot-imapd dovecot-lmtpd)",
};
