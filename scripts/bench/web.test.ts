import { describe, expect, it } from "vitest";
import { scriptTime } from "./web";

describe("Lighthouse script time split", () => {
  it("sums bootup-time's scripting and parse per URL and gives the framework chunks' share", () => {
    const framework = { files: new Set(["static/chunks/react.js", "static/chunks/router.js"]), polyfills: new Set<string>() };
    const items = [
      { url: "http://127.0.0.1:3000/_next/static/chunks/react.js", scripting: 600, scriptParseCompile: 50 },
      { url: "http://127.0.0.1:3000/_next/static/chunks/router.js?dpl=x", scripting: 200, scriptParseCompile: 0 },
      { url: "http://127.0.0.1:3000/_next/static/chunks/app-feedback.js", scripting: 100, scriptParseCompile: 10 },
      { url: "Unattributable", scripting: 40 },
    ];
    expect(scriptTime(items, framework)).toEqual({ scriptMs: 1000, frameworkScriptPct: 85 });
    expect(scriptTime([], framework)).toEqual({ scriptMs: 0, frameworkScriptPct: 0 });
  });
});
