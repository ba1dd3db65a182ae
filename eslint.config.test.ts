// The import boundaries in eslint.config.mjs, run through ESLint's own API on probe files that exist
// only here: each forbidden import must be reported, and each allowed one must not (so a rule that
// reports everything, or a block that a later one silently replaced, fails too).
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname);
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The no-restricted-imports messages ESLint gives `code` as if it were the file at `file`. */
async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, "the probe must parse").toEqual([]);
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("components/ never imports from app/", () => {
  const file = "components/help/boundary-probe.tsx";

  it.each([
    ['import { submitContact } from "@/app/(help)/[locale]/contact/actions";'],
    ['import type { MessageFormState } from "@/app/(admin)/admin/(panel)/tickets/[reference]/actions";'],
    ['import { ContactForm } from "@/app/(help)/[locale]/contact/_components/contact-form";'],
    ['import { T } from "../../app/(help)/[locale]/contact/messages";'],
    ['export { addMessage } from "@/app/(help)/[locale]/requests/[token]/actions";'],
  ])("reports %s", async (line) => {
    const messages = await restricted(file, `${line}\nexport const probe = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("_components/");
  });

  it("still keeps Prisma out (the blocks list every pattern, they do not replace each other)", async () => {
    expect(await restricted(file, 'import { db } from "@/lib/db";\nexport const probe = db;\n')).toHaveLength(1);
  });

  it("allows lib/ and other shared components", async () => {
    const code = 'import { isLocale } from "@/lib/i18n";\nimport { FieldError } from "@/components/intake/fields";\nexport const probe = [isLocale, FieldError];\n';
    expect(await restricted(file, code)).toEqual([]);
  });
});

describe("server actions and route handlers never import UI", () => {
  it.each([
    ["app/(help)/[locale]/contact/actions.ts", 'import { T } from "@/components/intake/messages";'],
    ["app/(help)/[locale]/contact/actions.ts", 'import { ContactForm } from "./_components/contact-form";'],
    ["app/(help)/[locale]/guides/[guideId]/feedback-action.ts", 'import { StepFeedback } from "./_components/step-feedback";'],
    ["app/api/v1/tickets/route.ts", 'import { inputClass } from "../../../../components/intake/fields";'],
  ])("%s: reports %s", async (file, line) => {
    const messages = await restricted(file, `${line}\nexport const probe = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("never import UI");
  });

  it("allows the texts beside the action and lib/", async () => {
    const code = 'import { T } from "./messages";\nimport { log } from "@/lib/log";\nexport const probe = [T, log];\n';
    expect(await restricted("app/(help)/[locale]/contact/actions.ts", code)).toEqual([]);
  });
});

describe("a page uses its own _components/", () => {
  it("allows ./_components and shared components", async () => {
    const code =
      'import { ContactForm } from "./_components/contact-form";\nimport { SearchForm } from "@/components/help/search-form";\nexport const probe = [ContactForm, SearchForm];\n';
    expect(await restricted("app/(help)/[locale]/contact/page.tsx", code)).toEqual([]);
  });
});

describe("lib/ never imports from app/ or components/", () => {
  it.each([
    ['import { submitContact } from "@/app/(help)/[locale]/contact/actions";'],
    ['import { FieldError } from "@/components/intake/fields";'],
    ['import { FieldError } from "../components/intake/fields";'],
  ])("reports %s", async (line) => {
    expect(await restricted("lib/intake/boundary-probe.ts", `${line}\nexport const probe = 1;\n`)).toHaveLength(1);
  });
});
