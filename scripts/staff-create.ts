// `npm run staff:create -- --email you@example.edu --name "Your Name" --role admin`
// Creates (or updates) a staff account. The password is asked twice on the terminal with echo off,
// never taken from the command line (argv ends up in shell history and `ps`).
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

// The data layer is marked server-only; like the seed, run it under the react-server condition.
if (!process.execArgv.some((a) => a.includes("react-server")) && !process.env.TEBIKI_STAFF_CREATE_CHILD) {
  const child = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, TEBIKI_STAFF_CREATE_CHILD: "1" },
  });
  process.exit(child.status ?? 1);
}

const USAGE = 'usage: npm run staff:create -- --email <e-mail> --name "<name>" --role <agent|editor|admin>';

// Reads lines from the terminal in raw mode (nothing echoed). Keystrokes typed ahead of a prompt are
// kept for the next one.
function hiddenLineReader() {
  const stdin = process.stdin;
  const lines: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let current = "";
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  const onData = (chunk: string) => {
    for (const ch of chunk) {
      if (ch === "\u0003") {
        for (const w of waiting.splice(0)) w.reject(new Error("cancelled"));
        close();
        return;
      }
      if (ch === "\r" || ch === "\n") {
        const next = waiting.shift();
        if (next) next.resolve(current);
        else lines.push(current);
        current = "";
      } else if (ch === "\u007f" || ch === "\b") current = current.slice(0, -1);
      else if (ch >= " ") current += ch;
    }
  };
  const close = () => {
    stdin.removeListener("data", onData);
    stdin.setRawMode(false);
    stdin.pause();
  };
  stdin.on("data", onData);
  stdin.resume();
  return {
    ask(prompt: string): Promise<string> {
      process.stdout.write(prompt);
      const ready = lines.shift();
      const answer = ready !== undefined ? Promise.resolve(ready) : new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
      return answer.then((line) => {
        process.stdout.write("\n");
        return line;
      });
    },
    close,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "agent" }, password: { type: "string" } },
    strict: true,
  });
  if (values.password !== undefined) {
    console.error("Passwords are never taken from the command line: leave out --password and type it when asked.");
    return 2;
  }
  const { CreateStaffSchema, MIN_PASSWORD_LENGTH } = await import("@/lib/validation/staff");
  const base = CreateStaffSchema.omit({ password: true }).safeParse({ email: values.email ?? "", name: values.name ?? values.email?.split("@")[0] ?? "", role: values.role });
  if (!base.success) {
    for (const issue of base.error.issues) console.error(`${String(issue.path[0])}: ${issue.message}`);
    console.error(USAGE);
    return 2;
  }
  if (!process.stdin.isTTY) {
    console.error("Run this in a terminal: the password is asked for interactively, with echo off.");
    return 2;
  }
  const reader = hiddenLineReader();
  const password = await reader.ask(`Password for ${base.data.email} (at least ${MIN_PASSWORD_LENGTH} characters): `);
  if (password.length < MIN_PASSWORD_LENGTH) {
    reader.close();
    console.error(`Refused: the password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
    return 1;
  }
  if (new Set(password).size < 5) {
    reader.close();
    console.error("Refused: the password is too repetitive.");
    return 1;
  }
  const again = await reader.ask("Same password again: ");
  reader.close();
  if (again !== password) {
    console.error("Refused: the two passwords differ.");
    return 1;
  }
  const { upsertStaffUser } = await import("@/lib/data/staff");
  const user = await upsertStaffUser({ ...base.data, password });
  console.log(`[tebiki] staff account ${user.email} (${user.role}) is ready; it can log in at /admin/login.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error("[tebiki] staff:create failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
