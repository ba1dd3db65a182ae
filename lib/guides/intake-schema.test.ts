// The declaration machinery against the hand-written code of issue 4, kept frozen as a reference in
// lib/testing/legacy-*.ts (issue 9): for the SSO guide, buildIntakeSchema accepts and refuses exactly
// what intakeSchema did (same fields, same messages, both languages, with and without a walk), except
// where issue 9 changes it: a question the walk answered may be left out (the walk's answer stands),
// a question the walk made moot is not asked, and a tried value that was never a checkbox is refused
// by the schema (before, by lib/intake/submit.ts). prefillFromWalkParam gives what prefillFromWalk
// gave. Then the parts the old code did not have, on a fixture guide.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getGuide } from "@/lib/content";
import { allWalks, endStep, replayWalk } from "@/lib/guide-graph";
import { formFields, fieldOrder, prefillableFields } from "@/lib/guides/form-fields";
import { isAsked } from "@/lib/guides/declaration";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/validation/text";
import { buildIntakeSchema, changedPrefilledFields, prefillFromWalkParam } from "@/lib/guides/intake-schema";
import type { GuideDeclaration } from "@/lib/guides/declaration";
import { LOCALES, type Locale } from "@/lib/i18n";
import { changedFields, PREFILLABLE, prefillFromWalk } from "@/lib/testing/legacy-prefill";
import { fieldErrors } from "@/lib/validation/intake";
import { AFFILIATION, CONTACT_FORM_LOGIN, EXTRA_TRIED, FACTOR, FIELD_ORDER, intakeSchema, LIMITS, MESSAGE_SHOWN, NETWORK, SERVICE, STOPS_AT } from "@/lib/testing/legacy-intake";

const sso = getGuide("jaist-sso")!;
const NOW = new Date("2026-11-25T03:00:00Z"); // 12:00 in Japan
const now = () => NOW;

const valid = {
  name: "山田 太郎",
  username: "s1234567",
  affiliation: "student",
  email: "taro@example.com",
  failedAt: "2026-11-25T11:30",
  network: "off-campus",
  service: "webmail",
  messageShown: "cert-invalid-no-otp",
  factor: "certificate",
  stopsAt: "after-password",
  contactFormLogin: "not-tried",
  tried: ["step0", "step2", "private-window"],
  description: "自宅から Webmail にログインできません。",
};

const contactWalks = allWalks(sso).filter((w) => endStep(w) === sso.contactStep);
const walkParams = [...contactWalks.map((w) => w.choices.join(",")), "", "cert-invalid,use-cert", "nope"];

// ---------------------------------------------------------------------------------------------
// Inputs: each field valid, blank, missing, wrong type, too long, full-width, with a secret or a
// control character; so both schemas meet every branch of every rule.

const oneOf = <T,>(...values: T[]) => fc.constantFrom(...values);
const weirdText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  oneOf("", "   ", "ok", "パスワードは Tebiki2026! です", "OTP 123456 が無効", "a\u0000b", "x\u0007", "\u001b[31m", "行1\r\n行2\tタブ", "\u0085"),
  fc.integer({ min: 1, max: 5200 }).map((n) => "あ".repeat(n)),
);
const missing = fc.constant(undefined);
const wrongType = oneOf<unknown>(42, null, true, ["a"], { a: 1 });
const field = (good: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 2, arbitrary: weirdText }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: wrongType });
const vocab = (v: { values: readonly string[] }) => field(fc.constantFrom(...v.values, "other", "moon", ""));

const rawInput = fc.record(
  {
    name: field(oneOf(valid.name, "x".repeat(100), "x".repeat(101), " 名前 ")),
    username: field(oneOf("s1234567", "t-yamada", "Ｓ１２３４５６７", "s1234567@jaist.ac.jp", "山田", "yamada", "x".repeat(65))),
    affiliation: vocab(AFFILIATION),
    email: field(oneOf(valid.email, " ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ ", "not-mail", `${"a".repeat(250)}@example.com`)),
    failedAt: field(oneOf(valid.failedAt, "2026-11-25T12:04", "2026-11-25T12:06", "2026-02-31T10:00", "1999-12-31T23:59", "yesterday", " 2026-11-25T11:30 ")),
    network: vocab(NETWORK),
    service: vocab(SERVICE),
    serviceOther: field(oneOf("Moodle", "x".repeat(201))),
    messageShown: vocab(MESSAGE_SHOWN),
    messageOther: field(oneOf("Error 500", "x".repeat(501))),
    factor: vocab(FACTOR),
    stopsAt: vocab(STOPS_AT),
    contactFormLogin: vocab(CONTACT_FORM_LOGIN),
    tried: field(fc.array(fc.constantFrom("step0", "step2", "step2-3", "step1", "private-window", "other-device", "<script>", "Step0", "no-such-step"), { maxLength: 35 })),
    device: field(oneOf("iPhone / iOS 18 / Safari", "x".repeat(201))),
    certificateInfo: field(oneOf("シリアル番号 12345678 / 2025-04-01", "x".repeat(201))),
    description: field(oneOf(valid.description, "パスワードは10文字以上と聞きました")),
    locale: field(oneOf("ja", "en", "fr")),
    guide: field(oneOf("jaist-sso", "x".repeat(51))),
    walk: field(fc.constantFrom(...walkParams)),
    idempotencyKey: field(oneOf("abcdefghijklmnop", "short", "a".repeat(101))),
    website: field(oneOf("")),
  },
  { requiredKeys: [] },
);

// Schemas are built once per language and walk: building is the slow part, parsing is what is tested.
const schemas = new Map<string, { old: ReturnType<typeof intakeSchema>; next: ReturnType<typeof buildIntakeSchema> }>();
function parseBoth(raw: Record<string, unknown>, locale: Locale, walkParam: string) {
  const prefill = prefillFromWalkParam(sso, walkParam);
  const key = `${locale}:${walkParam}`;
  if (!schemas.has(key)) schemas.set(key, { old: intakeSchema(locale, now), next: buildIntakeSchema(sso, locale, prefill?.replayed ?? null, { now }) });
  const { old, next } = schemas.get(key)!;
  // The old form asked everything: give it what the new one takes from the walk (an answered question
  // left out) and a valid value for a question the walk made moot, which the new one never reads.
  const walk = prefill?.replayed ?? null;
  const moot = formFields(sso).filter((f) => f.askWhen !== "never" && !isAsked(f, walk)).map((f) => f.key);
  const oldRaw: Record<string, unknown> = { ...raw };
  for (const [k, v] of Object.entries(prefill?.values ?? {})) {
    if (typeof v === "string" && fieldsByKey.get(k)?.required === "unless-answered-by-path" && oldRaw[k] === undefined) oldRaw[k] = v;
  }
  for (const k of moot) oldRaw[k] = (valid as Record<string, unknown>)[k];
  return { prefill, moot, old: old.safeParse(oldRaw), next: next.safeParse(raw) };
}
const fieldsByKey = new Map(formFields(sso).map((f) => [f.key, f]));

describe("buildIntakeSchema for jaist-sso equals today's intakeSchema", () => {
  it("accepts a complete request with the same output", () => {
    for (const locale of LOCALES) {
      const { old, next } = parseBoth(valid, locale, "");
      expect(next.success && old.success).toBe(true);
      // Without a walk only the fixed extras are on the form: the steps are dropped, as submit does.
      expect(next.data).toEqual({ ...old.data, tried: ["private-window"] });
    }
  });

  it("keeps the walk's steps in 'tried' for a request that came through the guide", () => {
    const { old, next } = parseBoth({ ...valid, tried: ["step0", "step2", "step1", "private-window"] }, "ja", "cert-invalid,use-cert,cert-imported,cert-still-failing");
    expect(old.data?.tried).toEqual(["step0", "step2", "step1", "private-window"]);
    expect(next.data?.tried).toEqual(["step0", "step2", "private-window"]);
  });

  it("reports every required field at once, with today's messages", () => {
    for (const locale of LOCALES) {
      const { old, next } = parseBoth({}, locale, "");
      expect(fieldErrors(next.error!)).toEqual(fieldErrors(old.error!));
    }
  });

  it("refuses control characters in free text with the shared rule's message, as today's schema does", () => {
    const { old, next } = parseBoth({ ...valid, description: "ログインできません\u0000", device: "Mac\u001b[0m" }, "en", "");
    expect(fieldErrors(next.error!)).toEqual({
      description: [CONTROL_CHARACTER_MESSAGE.en],
      device: [CONTROL_CHARACTER_MESSAGE.en],
    });
    expect(fieldErrors(next.error!)).toEqual(fieldErrors(old.error!));
    expect(parseBoth({ ...valid, description: "1行目\r\n\t2行目" }, "ja", "").next.success).toBe(true);
  });

  it("accepts and refuses the same inputs with the same messages, in both languages, with any walk", () => {
    fc.assert(
      fc.property(rawInput, fc.constantFrom(...LOCALES), fc.constantFrom(...walkParams), (input, locale, walkParam) => {
        const raw = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        const { prefill, moot, old, next } = parseBoth(raw, locale, walkParam);
        // A tried value that is no step of the guide and no extra: refused now by the schema itself.
        const known = new Set([...Object.keys(sso.steps), ...EXTRA_TRIED.values]);
        if (Array.isArray(raw.tried) && raw.tried.some((t) => typeof t === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(t) && !known.has(t))) {
          expect(next.success).toBe(false);
          if (!next.success) expect(fieldErrors(next.error).tried).toBeDefined();
          return;
        }
        expect(next.success).toBe(old.success);
        if (old.success && next.success) {
          const allowed = new Set([...(prefill?.triedSteps ?? []), ...EXTRA_TRIED.values]);
          const expected: Record<string, unknown> = { ...old.data, tried: old.data.tried.filter((t) => allowed.has(t)) };
          for (const k of moot) delete expected[k];
          expect(next.data).toEqual(expected);
          return;
        }
        const [o, n] = [fieldErrors(old.error!), fieldErrors(next.error!)];
        expect(Object.keys(n).sort()).toEqual(Object.keys(o).sort());
        // 'tried' had zod's English defaults; it now says "choose" in the user's language.
        delete o.tried;
        delete n.tried;
        expect(n).toEqual(o);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("the jaist-sso declaration matches today's hand-written tables", () => {
  const VOCABULARIES = { affiliation: AFFILIATION, network: NETWORK, service: SERVICE, messageShown: MESSAGE_SHOWN, factor: FACTOR, stopsAt: STOPS_AT, contactFormLogin: CONTACT_FORM_LOGIN, tried: EXTRA_TRIED };
  const fields = new Map(formFields(sso).map((f) => [f.key, f]));

  it("has today's fields in today's order, and today's pre-fillable fields", () => {
    expect(fieldOrder(sso)).toEqual([...FIELD_ORDER]);
    expect(prefillableFields(sso).sort()).toEqual([...PREFILLABLE].sort());
  });

  it("has today's values and labels in both languages", () => {
    for (const [key, vocabulary] of Object.entries(VOCABULARIES)) {
      expect(fields.get(key)?.options, key).toEqual(vocabulary.values.map((value) => ({ value, label: (vocabulary.labels as Record<string, unknown>)[value] })));
    }
  });

  it("has today's limits", () => {
    for (const [key, limit] of Object.entries(LIMITS)) {
      if (key === "message" || key === "tried") continue;
      expect(fields.get(key)?.maxLength, key).toBe(limit);
    }
    expect(fields.get("tried")?.maxItems).toBe(LIMITS.tried);
  });
});

describe("prefillFromWalkParam equals today's prefillFromWalk", () => {
  const choiceIds = Object.values(sso.steps).flatMap((s) => s.choices.map((c) => c.id));
  const compare = (param: string) => {
    const old = prefillFromWalk(sso, param);
    const next = prefillFromWalkParam(sso, param);
    if (!old) return expect(next).toBeNull();
    const { values, ...rest } = next!;
    const { values: oldValues, ...oldRest } = old;
    expect(rest).toEqual({ ...oldRest, replayed: replayWalk(sso, oldRest.walk) });
    expect(values).toEqual(Object.fromEntries(Object.entries(oldValues).filter(([, v]) => v !== undefined)));
  };

  it("on every walk of the guide and every prefix of one", () => {
    for (const walk of allWalks(sso)) compare(walk.choices.join(","));
  });

  it("on arbitrary lists of choice ids", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...choiceIds), fc.string({ maxLength: 6 })), { maxLength: 8 }), fc.constantFrom(",", " , ", ",,"), (ids, sep) => {
        compare(ids.join(sep));
      }),
      { numRuns: 500 },
    );
  });

  it("names the same changed fields as today's changedFields", () => {
    const pick = (v: { values: readonly string[] }) => fc.option(fc.constantFrom(...v.values), { nil: undefined });
    fc.assert(
      fc.property(
        fc.constantFrom(...contactWalks),
        fc.record({ messageShown: pick(MESSAGE_SHOWN), network: pick(NETWORK), factor: pick(FACTOR), stopsAt: pick(STOPS_AT), contactFormLogin: pick(CONTACT_FORM_LOGIN) }),
        fc.subarray(["step0", "step1", "step2", "step2-3", "private-window", "other-device"]),
        (walk, submitted, tried) => {
          const param = walk.choices.join(",");
          const old = changedFields(prefillFromWalk(sso, param)!.values, { ...submitted, tried });
          expect(changedPrefilledFields(sso, prefillFromWalkParam(sso, param)!.values, { ...submitted, tried }).sort()).toEqual(old.sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// What today's code cannot do: a small guide that asks only what its walk left open.

const fixture: GuideDeclaration = {
  id: "fixture",
  ticketPrefix: "FIX",
  start: "where",
  contactStep: "contact",
  primaryService: "wifi",
  catalog: { title: { ja: "テスト", en: "Test" }, symptoms: [{ ja: "つながらない", en: "No connection" }], topic: "network" },
  steps: {
    where: {
      label: "WHERE",
      choices: [
        { id: "at-lab", to: "lab", answers: { place: "lab" } },
        { id: "not-sure", to: "lab" },
      ],
    },
    lab: { label: "LAB", leaf: true, choices: [{ id: "lab-still-failing", to: "contact", answers: { checked: "yes" } }] },
    contact: { label: "CONTACT", contact: true, choices: [] },
  },
  form: {
    fields: [
      {
        key: "place",
        kind: "single",
        label: { ja: "場所", en: "Place" },
        options: [
          { value: "lab", label: { ja: "研究室", en: "Lab" } },
          { value: "other", label: { ja: "その他", en: "Elsewhere" } },
        ],
        required: "unless-answered-by-path",
        prefill: { answer: "place" },
      },
      { key: "placeOther", kind: "text", label: { ja: "場所の名前", en: "Which place" }, required: "optional", requiredWhen: { field: "place", equals: "other" }, maxLength: 50 },
      { key: "labDetail", kind: "textarea", label: { ja: "研究室で", en: "In the lab" }, required: "always", secretCheck: true, maxLength: 100, askWhen: [{ visited: "lab" }, { answer: "place", in: ["lab"] }] },
      {
        key: "checked",
        kind: "single",
        label: { ja: "確認済み", en: "Checked" },
        options: [{ value: "yes", label: { ja: "はい", en: "Yes" } }],
        required: "optional",
        prefill: { answer: "checked" },
        askWhen: "never",
      },
      { common: "failedAt", label: { ja: "つながらなくなった日時", en: "When it stopped" } },
    ],
  },
};
const common = { name: "A", username: "t-a", affiliation: "staff", email: "a@example.com", failedAt: "2026-11-25T11:00", description: "x" };
const walkOf = (param: string) => prefillFromWalkParam(fixture, param)!.replayed;

describe("buildIntakeSchema on a guide that asks only what the walk left open", () => {
  const errors = (walk: string | null, input: Record<string, unknown>, locale: Locale = "ja") => {
    const result = buildIntakeSchema(fixture, locale, walk ? walkOf(walk) : null, { now }).safeParse(input);
    const data: Record<string, unknown> | null = result.success ? result.data : null;
    return { data, errors: result.success ? {} : fieldErrors(result.error) };
  };

  it("does not ask again what the walk answered, and keeps the walk's answer", () => {
    const { data } = errors("at-lab,lab-still-failing", { ...common, labDetail: "AP" });
    expect(data?.place).toBe("lab");
    expect(errors("at-lab,lab-still-failing", { ...common, labDetail: "AP", place: "other", placeOther: "図書館" }).data?.place).toBe("other");
  });

  it("requires what the walk left open, and what a condition makes relevant", () => {
    expect(errors("not-sure,lab-still-failing", { ...common }).errors).toEqual({ place: ["選択してください。"] });
    expect(errors("at-lab,lab-still-failing", { ...common }).errors).toEqual({ labDetail: ["入力してください。"] });
    expect(errors("at-lab,lab-still-failing", { ...common, labDetail: "パスワードは Tebiki2026! です" }, "en").errors.labDetail?.[0]).toMatch(/password/);
    expect(errors(null, { ...common, place: "other" }, "en").errors).toEqual({ placeOther: ["Please fill this in."], labDetail: ["Please fill this in."] });
  });

  it("does not ask a question whose condition the walk did not meet, nor a field recorded only from the walk", () => {
    const { data } = errors("not-sure,lab-still-failing", { ...common, place: "other", placeOther: "図書館", labDetail: "ignored", checked: "forged" });
    expect(data).not.toHaveProperty("labDetail");
    expect(data).not.toHaveProperty("checked");
  });

  it("places and rewords common fields; without a guide the form is the common fields alone", () => {
    expect(fieldOrder(fixture)).toEqual(["name", "username", "affiliation", "email", "place", "placeOther", "labDetail", "failedAt", "device", "description"]);
    expect(formFields(fixture).find((f) => f.key === "failedAt")?.label.ja).toBe("つながらなくなった日時");
    expect(fieldOrder(null)).toEqual(["name", "username", "affiliation", "email", "failedAt", "device", "description"]);
    const generic = buildIntakeSchema(null, "ja", null, { now }).safeParse({ ...common, network: "moon" });
    expect(generic.success && generic.data).toEqual({ ...common, failedAt: new Date("2026-11-25T02:00:00Z"), locale: "ja" });
  });

  it("pre-fills only the questions, and the steps gone through", () => {
    expect(prefillFromWalkParam(fixture, "at-lab,lab-still-failing")).toMatchObject({
      endStep: "lab",
      answers: { place: "lab", checked: "yes" },
      values: { place: "lab" },
    });
  });
});
