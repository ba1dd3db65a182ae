import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      ".test-runs/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    // Pages and components never touch the database: they call the data layer (lib/data/*).
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/generated/prisma/client", "@prisma/*"],
              allowTypeImports: true,
              message: "Pages and components call lib/data/*, never Prisma directly.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
