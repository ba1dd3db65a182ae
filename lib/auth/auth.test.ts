import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkAccess } from "@/lib/auth/access";
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP, verifyLogin } from "@/lib/auth/credentials";
import { csrfTokenFromCookie, newCsrfCookie } from "@/lib/auth/csrf";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { createStaff } from "@/lib/testing/factories";

const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

describe("guards' access decision", () => {
  it("lets active staff in and re-reads the database on every call", async () => {
    const { user } = await createStaff({ role: "agent" });
    expect(await checkAccess(user.id, "staff")).toMatchObject({ ok: true, user: { id: user.id, role: "agent" } });
    expect(await checkAccess(user.id, "admin")).toEqual({ ok: false, reason: "forbidden" });

    await db().staffUser.update({ where: { id: user.id }, data: { role: "admin" } });
    expect(await checkAccess(user.id, "admin")).toMatchObject({ ok: true });

    await db().staffUser.update({ where: { id: user.id }, data: { active: false } });
    expect(await checkAccess(user.id, "staff")).toEqual({ ok: false, reason: "inactive" });
    expect(await checkAccess(user.id, "admin")).toEqual({ ok: false, reason: "inactive" });
  });

  it("lets editors and admins edit content, and keeps agents out (issue 12)", async () => {
    const { user: agent } = await createStaff({ role: "agent" });
    const { user: editor } = await createStaff({ role: "editor" });
    const { user: admin } = await createStaff({ role: "admin" });
    expect(await checkAccess(agent.id, "editor")).toEqual({ ok: false, reason: "forbidden" });
    expect(await checkAccess(editor.id, "editor")).toMatchObject({ ok: true, user: { role: "editor" } });
    expect(await checkAccess(admin.id, "editor")).toMatchObject({ ok: true });
    // An editor is an agent who may also edit content: staff pages yes, admin pages no.
    expect(await checkAccess(editor.id, "staff")).toMatchObject({ ok: true });
    expect(await checkAccess(editor.id, "admin")).toEqual({ ok: false, reason: "forbidden" });
    await db().staffUser.update({ where: { id: editor.id }, data: { active: false } });
    expect(await checkAccess(editor.id, "editor")).toEqual({ ok: false, reason: "inactive" });
  });

  it("treats a missing, malformed or unknown session id as anonymous", async () => {
    for (const id of [undefined, null, "", "not-a-uuid", 42, randomUUID()]) {
      expect(await checkAccess(id, "staff")).toEqual({ ok: false, reason: "anonymous" });
    }
  });
});

describe("password login", () => {
  it("accepts the right password and says nothing more specific than 'invalid' otherwise", async () => {
    const { user, password } = await createStaff({ email: `Login-${randomUUID().slice(0, 6)}@Example.com` });
    expect(await verifyLogin(user.email.toUpperCase(), password, ip())).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await verifyLogin(user.email, "wrong", ip())).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyLogin(`nobody-${randomUUID()}@example.com`, password, ip())).toEqual({ ok: false, reason: "invalid" });
    const after = await db().staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.lastLoginAt).not.toBeNull();
  });

  it("refuses a deactivated account even with the right password", async () => {
    const { user, password } = await createStaff({ active: false });
    expect(await verifyLogin(user.email, password, ip())).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after repeated failures, even for the right password, and a success clears it", async () => {
    const { user, password } = await createStaff();
    const from = ip();
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT - 1; i++) expect((await verifyLogin(user.email, "nope", from)).ok).toBe(false);
    expect((await verifyLogin(user.email, password, from)).ok).toBe(true); // cleared
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT; i++) await verifyLogin(user.email, "nope", ip());
    expect(await verifyLogin(user.email, password, ip())).toEqual({ ok: false, reason: "rate-limited" });
  });

  it("limits failures per IP across accounts", async () => {
    const from = ip();
    for (let i = 0; i < LOGIN_LIMIT_PER_IP; i++) await verifyLogin(`guess-${i}-${randomUUID()}@example.com`, "x", from);
    const { user, password } = await createStaff();
    expect(await verifyLogin(user.email, password, from)).toEqual({ ok: false, reason: "rate-limited" });
    expect((await verifyLogin(user.email, password, ip())).ok).toBe(true);
  });
});

describe("callbackUrl", () => {
  const base = "https://help.example.edu";
  it("keeps same-origin paths and URLs", () => {
    expect(safeCallbackPath("/admin/tickets?status=open", base)).toBe("/admin/tickets?status=open");
    expect(safeCallbackPath(`${base}/admin/staff`, base)).toBe("/admin/staff");
  });
  it("refuses other origins, protocol-relative and odd schemes", () => {
    for (const url of ["https://evil.example/admin", "//evil.example", "/\\evil.example", "javascript:alert(1)", "http://help.example.edu/admin", ""]) {
      expect(safeCallbackPath(url, base)).toBe("/admin");
    }
  });
});

describe("login CSRF token", () => {
  it("validates its own cookies and refuses tampered ones", () => {
    const { token, value } = newCsrfCookie();
    expect(csrfTokenFromCookie(value)).toBe(token);
    expect(csrfTokenFromCookie(`${"0".repeat(64)}|${value.split("|")[1]}`)).toBeNull();
    expect(csrfTokenFromCookie(token)).toBeNull();
    expect(csrfTokenFromCookie(undefined)).toBeNull();
  });
});
