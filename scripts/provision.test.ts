// The test command's provisioning, with real files and real processes (nothing here runs apt-get).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findProgram, provision, type Requirement } from "./provision";

const dir = () => mkdtempSync(path.join(tmpdir(), "provision-"));

describe("findProgram", () => {
  it("takes the first candidate that exists and asks functions only when reached", () => {
    const d = dir();
    const second = path.join(d, "second");
    const third = path.join(d, "third");
    writeFileSync(second, "");
    writeFileSync(third, "");
    let asked = false;
    const candidates = [path.join(d, "missing"), second, () => ((asked = true), third)];
    expect(findProgram(candidates)).toBe(second);
    expect(asked).toBe(false);
    expect(findProgram([path.join(d, "missing"), () => undefined, () => third])).toBe(third);
    expect(findProgram([path.join(d, "missing")])).toBeUndefined();
  });
});

describe("provision", () => {
  const requirement = (d: string, installer?: Requirement["installer"]): Requirement => ({
    name: "a test program",
    candidates: [path.join(d, "program")],
    apt: ["tebiki-no-such-package"],
    installer,
    hint: "install the test program",
  });

  it("returns a program that is already there without installing anything", async () => {
    const d = dir();
    writeFileSync(path.join(d, "program"), "");
    const marker = path.join(d, "installer-ran");
    const out = await provision(requirement(d, { command: ["touch", marker] }), { canUseApt: false });
    expect(out).toEqual({ ok: true, path: path.join(d, "program") });
    expect(findProgram([marker])).toBeUndefined();
  });

  it("runs the program's own installer when apt is not possible, and finds what it installed", async () => {
    const d = dir();
    const out = await provision(requirement(d, { command: ["touch", path.join(d, "program")] }), { canUseApt: false });
    expect(out).toEqual({ ok: true, path: path.join(d, "program"), installedBy: "touch" });
  });

  it("says in one line what to install when the installer fails", async () => {
    const lines: string[] = [];
    const out = await provision(requirement(dir(), { command: ["false"] }), { canUseApt: false, log: (l) => lines.push(l) });
    expect(out).toEqual({ ok: false, message: "install the test program" });
    expect(lines.join("\n")).toContain("a test program is missing: false");
  });

  it("stops an installer that hangs (a machine without network) at its time limit", async () => {
    const lines: string[] = [];
    const out = await provision(requirement(dir(), { command: ["sleep", "600"], timeoutMs: 300 }), { canUseApt: false, log: (l) => lines.push(l) });
    expect(out.ok).toBe(false);
    expect(lines.some((l) => l.includes("no result after"))).toBe(true);
  });

  it("fails without an installer when the program is missing and apt is not allowed", async () => {
    const out = await provision(requirement(dir()), { canUseApt: false });
    expect(out).toEqual({ ok: false, message: "install the test program" });
  });
});
