// A small User-Agent reader for pre-filling "device, OS, browser" on the contact form. The user can
// edit the result, so a good guess for the common phones and laptops is enough; no dependency.

type Found = { name: string; version?: string } | null;

function major(version: string | undefined, parts = 1): string | undefined {
  return version?.replace(/_/g, ".").split(".").slice(0, parts).join(".");
}

function device(ua: string): string | null {
  if (/iPhone/.test(ua)) return "iPhone";
  if (/iPad/.test(ua)) return "iPad";
  const android = ua.match(/Android [\d.]+; (?:[a-z]{2}[-_][a-z]{2}; )?([^;)]+?)(?: Build|\))/i);
  if (android && !/^(?:K|Mobile|wv)$/.test(android[1].trim())) return android[1].trim();
  if (/Macintosh/.test(ua)) return "Mac";
  return null;
}

function os(ua: string): Found {
  let m: RegExpMatchArray | null;
  if ((m = ua.match(/(?:iPhone|CPU) OS (\d+[_\d]*)/))) return { name: /iPad/.test(ua) ? "iPadOS" : "iOS", version: major(m[1], 2) };
  if ((m = ua.match(/Android (\d+(?:\.\d+)?)/))) return { name: "Android", version: m[1] };
  if ((m = ua.match(/Windows NT (\d+\.\d+)/))) return { name: "Windows", version: m[1] === "10.0" ? "10/11" : m[1] };
  if ((m = ua.match(/Mac OS X (\d+[_.\d]*)/))) return { name: "macOS", version: major(m[1], 2) };
  if (/CrOS/.test(ua)) return { name: "ChromeOS" };
  if (/Ubuntu/.test(ua)) return { name: "Ubuntu" };
  if (/Linux/.test(ua)) return { name: "Linux" };
  return null;
}

function browser(ua: string): Found {
  const rules: [RegExp, string][] = [
    [/EdgA?\/(\d+)/, "Edge"],
    [/EdgiOS\/(\d+)/, "Edge"],
    [/OPR\/(\d+)/, "Opera"],
    [/SamsungBrowser\/(\d+)/, "Samsung Internet"],
    [/Firefox\/(\d+)/, "Firefox"],
    [/FxiOS\/(\d+)/, "Firefox"],
    [/CriOS\/(\d+)/, "Chrome"],
    [/Chrome\/(\d+)/, "Chrome"],
    [/Version\/(\d+(?:\.\d+)?).*Safari\//, "Safari"],
  ];
  for (const [re, name] of rules) {
    const m = ua.match(re);
    if (m) return { name, version: m[1] };
  }
  return null;
}

/** "iPhone / iOS 18.1 / Safari 18.1"-style text, or "" when the header says nothing useful. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return "";
  const o = os(ua);
  const b = browser(ua);
  const parts = [device(ua), o && [o.name, o.version].filter(Boolean).join(" "), b && [b.name, b.version].filter(Boolean).join(" ")];
  return parts.filter(Boolean).join(" / ").slice(0, 200);
}
