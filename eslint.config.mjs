import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Pages and components never touch the database: they call the data layer (lib/data/*).
const NO_PRISMA = {
  group: ["@/lib/db", "@/lib/generated/prisma/client", "@prisma/*"],
  allowTypeImports: true,
  message: "Pages and components call lib/data/*, never Prisma directly.",
};
// `@/app/...` or a relative path climbing into app/ (type imports too: a type is a dependency).
const NO_APP = {
  regex: "^(@/|(\\.\\./)+)app(/|$)",
  message:
    "Shared code never imports from app/. A form used by one route goes in that route's _components/; pass its server action as a prop; move a shared type to lib/ or the component.",
};
const NO_COMPONENTS = {
  regex: "^(@/|(\\.\\./)+)components(/|$)",
  message: "lib/ sits below the UI: it never imports from components/.",
};
// Server actions and route handlers sit below the UI: texts they answer with live beside them or in lib/.
const NO_UI = {
  regex: "^(@/|(\\.\\./)+)components(/|$)|(^|/)_components(/|$)",
  message: "Server actions and route handlers never import UI (components/, _components/): keep their texts beside them or in lib/.",
};
const restrictImports = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

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
  // Dependencies point one way: app/ (routes, their _components/ and actions) -> components/ (shared
  // UI) -> lib/. A form used by one route lives in that route's _components/ folder; a server action
  // reaches shared UI as a prop, never by import; an action's state type lives beside the action or
  // in lib/. ESLint does not merge one rule's options across blocks (the last match wins), so each
  // block lists every pattern that applies to its files. eslint.config.test.ts proves each block bites.
  { files: ["app/**"], rules: restrictImports(NO_PRISMA) },
  { files: ["components/**"], rules: restrictImports(NO_PRISMA, NO_APP) },
  { files: ["app/**/actions.ts", "app/**/*-action.ts", "app/**/route.ts"], rules: restrictImports(NO_PRISMA, NO_UI) },
  { files: ["lib/**"], rules: restrictImports(NO_APP, NO_COMPONENTS) },
];

export default config;
