// A private Dovecot for the mail-loop tests (issue 11): IMAP for the worker to read, LMTP to deliver
// real MIME into it, in a temporary directory on free ports, stopped with the test. The program is
// provisioned by `npm test` (scripts/provision.ts DOVECOT), which passes its path in TEBIKI_DOVECOT.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { freePort } from "@/lib/embedded-pg";

export type Dovecot = {
  host: string;
  imapPort: number;
  lmtpPort: number;
  user: string;
  password: string;
  /** Delivers one raw message into the user's INBOX over LMTP, as a mail server would. */
  deliver: (raw: string | Buffer, from?: string) => Promise<void>;
  stop: () => Promise<void>;
};

export function dovecotPath(): string {
  const file = process.env.TEBIKI_DOVECOT ?? "/usr/sbin/dovecot";
  if (!existsSync(file)) {
    throw new Error("no Dovecot for the mail tests: run them with `npm test`, or install it (as root on Debian/Ubuntu: apt-get install dovecot-imapd dovecot-lmtpd)");
  }
  return file;
}

function waitForPort(port: number, timeoutMs: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`dovecot exited with ${child.exitCode}:\n${log()}`));
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`dovecot did not listen on ${port}:\n${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** Delivers one raw message to `user` over LMTP on `port`, as a mail server would. */
export async function deliverOverLmtp(port: number, user: string, raw: string | Buffer, from = "sender@example.test"): Promise<void> {
  const lmtp = nodemailer.createTransport({ host: "127.0.0.1", port, lmtp: true, secure: false, ignoreTLS: true } as never);
  try {
    await lmtp.sendMail({ envelope: { from, to: [user] }, raw });
  } finally {
    lmtp.close();
  }
}

/** Ports default to free ones; the e2e suite fixes them so that every Playwright process knows them. */
export async function startDovecot(options: { user?: string; password?: string; imapPort?: number; lmtpPort?: number } = {}): Promise<Dovecot> {
  const program = dovecotPath();
  const user = options.user ?? "helpdesk@example.test";
  const password = options.password ?? "imap-test-password";
  const dir = mkdtempSync(path.join(tmpdir(), "tebiki-dovecot-"));
  // Dovecot's auth and mail processes run as its own users and must reach the files in here.
  chmodSync(dir, 0o755);
  const imapPort = options.imapPort ?? (await freePort());
  const lmtpPort = options.lmtpPort ?? (await freePort());
  const root = userInfo().uid === 0;
  // As root Dovecot drops to its own users (Debian creates them); otherwise everything runs as us.
  const mailUser = root ? "dovecot" : userInfo().username;
  const internal = root ? "" : `default_internal_user = ${mailUser}\ndefault_login_user = ${mailUser}\n`;
  const mail = path.join(dir, "mail");
  const config = path.join(dir, "dovecot.conf");
  writeFileSync(path.join(dir, "users"), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = tebiki-${path.basename(dir)}
${internal}listen = 127.0.0.1
protocols = imap lmtp
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
mail_location = maildir:${mail}/%u
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${root ? "dovecot" : userInfo().gid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
  unix_listener lmtp {
    mode = 0600
  }
}
protocol imap {
  mail_max_userip_connections = 50
}
`,
  );
  mkdirSync(mail);
  if (root) chownSync(mail, Number(execFileSync("id", ["-u", "dovecot"]).toString()), Number(execFileSync("id", ["-g", "dovecot"]).toString()));
  let output = "";
  const child = spawn(program, ["-F", "-c", config], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const log = () => {
    try {
      return output + readFileSync(path.join(dir, "dovecot.log"), "utf8");
    } catch {
      return output;
    }
  };
  await waitForPort(imapPort, 15_000, child, log);
  await waitForPort(lmtpPort, 15_000, child, log);

  const lmtp = nodemailer.createTransport({ host: "127.0.0.1", port: lmtpPort, lmtp: true, secure: false, ignoreTLS: true } as never);
  return {
    host: "127.0.0.1",
    imapPort,
    lmtpPort,
    user,
    password,
    deliver: async (raw, from = "sender@example.test") => {
      await lmtp.sendMail({ envelope: { from, to: [user] }, raw });
    },
    stop: async () => {
      lmtp.close();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
