// A step's text in one language is one .mdx source (frontmatter + Markdown body), stored whole in the
// guide document so that export writes the same files. The editor shows it as fields; this module
// turns a source into fields and back. The written frontmatter is the content/ files' own style
// (every value a double-quoted string, choices nested), so an unchanged step serialises to the
// very source it came from and a changed one gives a small diff in history.
import matter from "gray-matter";

export type StepFields = {
  title: string;
  description: string;
  /** Absent on a step without a question (the contact step). */
  question?: string;
  /** choice id -> label, in the order written. */
  choices: Record<string, string>;
  /** Everything after the closing `---` line, verbatim. */
  body: string;
};

export type StepSourceResult = { ok: true; fields: StepFields } | { ok: false; message: string };

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** Reads a step source; a source that is not a frontmatter block with string values is refused with a reason. */
export function parseStepSource(source: string): StepSourceResult {
  const match = FRONTMATTER.exec(source);
  if (!match) return { ok: false, message: "先頭に --- で囲んだ見出し情報(frontmatter)がありません。" };
  let data: Record<string, unknown>;
  try {
    // A fresh object each time: gray-matter caches parses by input string and returns the shared
    // object, which an editor would otherwise mutate for every later reader.
    data = structuredClone(matter(match[0]).data) as Record<string, unknown>;
  } catch {
    return { ok: false, message: "見出し情報(frontmatter)を読めません。" };
  }
  const str = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : undefined);
  const rawChoices = data.choices ?? {};
  if (typeof rawChoices !== "object" || rawChoices === null || Array.isArray(rawChoices)) {
    return { ok: false, message: "choices は「選択肢ID: ラベル」の組にしてください。" };
  }
  const choices: Record<string, string> = {};
  for (const [id, label] of Object.entries(rawChoices)) {
    if (typeof label !== "string") return { ok: false, message: `選択肢「${id}」のラベルが文字列ではありません。` };
    choices[id] = label;
  }
  return {
    ok: true,
    fields: {
      title: str("title") ?? "",
      description: str("description") ?? "",
      ...(str("question") !== undefined ? { question: str("question") } : {}),
      choices,
      body: source.slice(match[0].length),
    },
  };
}

// JSON's string syntax is a subset of YAML's double-quoted scalar, so JSON.stringify is a safe quote.
const quote = (value: string) => JSON.stringify(value);

/** Writes fields as a step source in the content/ files' style. */
export function serializeStepSource(fields: StepFields): string {
  const lines = ["---", `title: ${quote(fields.title)}`, `description: ${quote(fields.description)}`];
  if (fields.question !== undefined) lines.push(`question: ${quote(fields.question)}`);
  const choices = Object.entries(fields.choices);
  if (choices.length === 0) lines.push("choices: {}");
  else {
    lines.push("choices:");
    for (const [id, label] of choices) lines.push(`  ${id}: ${quote(label)}`);
  }
  lines.push("---");
  return `${lines.join("\n")}\n${fields.body}`;
}

/**
 * A body as typed into a textarea, made to fit the old one: browsers send CRLF, and an HTML textarea
 * drops a leading newline, so the old body's leading blank lines are kept rather than lost on every save.
 */
export function bodyFromForm(typed: string, previousBody: string): string {
  const text = typed.replace(/\r\n?/g, "\n");
  const lead = /^\n*/.exec(previousBody)![0];
  return lead + text.replace(/^\n+/, "");
}
