import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, inlineScriptHashes, staticSecurityHeaders } from "@/lib/server/security-headers";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("inline script hashes", () => {
  it("hashes the exact text of every inline script, once each, and skips scripts with src", () => {
    const html = [
      `<html><head><script src="/_next/static/chunks/a.js" async=""></script>`,
      `<script>self.__next_f.push([0])</script></head><body>`,
      `<script id="x" nonce="">(self.__next_s=self.__next_s||[]).push(["日本語"])</script>`,
      `<script>self.__next_f.push([0])</script>`,
      `<script type="module">import("/x.js")</script><scripts>not a script</scripts></body></html>`,
    ].join("\n");
    expect(inlineScriptHashes(html)).toEqual([
      sha("self.__next_f.push([0])"),
      sha(`(self.__next_s=self.__next_s||[]).push(["日本語"])`),
      sha(`import("/x.js")`),
    ]);
  });

  it("reads bytes as they are sent: the same hashes from a Buffer as from its text", () => {
    const html = `<p>日本語</p><script>self.__next_f.push([1,"証明書"])</script>`;
    expect(inlineScriptHashes(Buffer.from(html))).toEqual([sha(`self.__next_f.push([1,"証明書"])`)]);
  });

  it("an empty document or one without inline scripts has none", () => {
    expect(inlineScriptHashes("")).toEqual([]);
    expect(inlineScriptHashes(`<script src=/a.js></script><p>script</p>`)).toEqual([]);
  });
});

describe("content security policy", () => {
  const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `));

  it("allows only our own scripts and the listed hashes in production: no unsafe-inline, no unsafe-eval", () => {
    const policy = contentSecurityPolicy({ dev: false, scriptHashes: ["'sha256-abc='"] });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'sha256-abc='");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "default-src 'self'"]) {
      expect(policy.split("; ")).toContain(d);
    }
  });

  it("allows eval and inline styles in development only", () => {
    const policy = contentSecurityPolicy({ dev: true });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'unsafe-eval'");
    expect(directive(policy, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("lets a form go to the identity provider when one is configured", () => {
    const policy = contentSecurityPolicy({ dev: false, formActionOrigins: ["https://idp.example.edu"] });
    expect(directive(policy, "form-action")).toBe("form-action 'self' https://idp.example.edu");
  });
});

describe("static security headers", () => {
  it("sends HSTS in production over https only", () => {
    expect(staticSecurityHeaders({ dev: false, https: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(staticSecurityHeaders({ dev: false, https: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(staticSecurityHeaders({ dev: true, https: true })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("denies browser features the site does not use", () => {
    const policy = staticSecurityHeaders({ dev: false, https: false })["Permissions-Policy"];
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(policy).toContain(`${feature}=()`);
  });
});
