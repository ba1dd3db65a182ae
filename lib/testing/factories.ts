// Factories shared by tests and the seed: unique, realistic data, so tests can run in parallel on
// one database without resets.
import "server-only";
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { getGuideDeclaration } from "@/lib/content";
import { answerFields, type Answers } from "@/lib/guides/answers";
import type { GuideDeclaration } from "@/lib/guides/declaration";
import { prefillFromPath } from "@/lib/guides/intake-schema";
import { db } from "@/lib/db";
import { insertTicket, type NewTicket } from "@/lib/tickets/create-ticket";
import { allWalks, endStep, type Walk } from "@/lib/guide-graph";
import { isAsked } from "@/lib/guides/declaration";
import type { Prisma, StaffRole } from "@/lib/generated/prisma/client";

/** A small deterministic generator, so a seed value gives the same data every time. */
export function rng(seed: number) {
  // Spread small seeds (1, 2, 3, ...) over the state space: raw xorshift starts them all alike.
  let s = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 8; i++) next();
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"];
const GIVEN = ["翔太", "美咲", "大輔", "陽菜", "健太", "さくら", "拓海", "結衣", "直樹", "葵"];
const INTERNATIONAL = ["Nguyen Van An", "Li Wei", "Priya Sharma", "Ahmad Rizki", "Maria Garcia", "Chen Jing"];
const DEVICES = [
  "iPhone 15 / iOS 18 / Safari",
  "Pixel 8 / Android 15 / Chrome",
  "MacBook Air / macOS 15 / Safari",
  "ThinkPad / Windows 11 / Edge",
  "Windows 11 / Chrome 142",
  "Ubuntu 24.04 / Firefox 140",
];
const DESCRIPTIONS_JA = [
  "自宅からWebmailにログインしようとすると、パスワード入力後に赤いメッセージが出て先に進めません。",
  "昨日まで使えていたのに、今朝から証明書の選択画面が出なくなりました。",
  "ワンタイムパスワードを入力しても認証に失敗します。スマートフォンを機種変更しました。",
  "eduroamに接続してSSL-VPNを使おうとしたところ、認証要素が足りないと表示されます。",
  "内部進学でユーザ名が変わり、以前の証明書でログインできなくなりました。",
  "パスワードを変更した直後から、新しいパスワードでログインできません。",
];
const DESCRIPTIONS_EN = [
  "From home I cannot log in to Webmail: a red message appears right after the password.",
  "My OTP codes are rejected since I changed phones.",
  "The certificate prompt never appears in Chrome, so login fails off campus.",
  "On NEWCOMER Wi-Fi the login asks for a second factor that I have not registered yet.",
];

/**
 * A guide's own answers for a walk, as the form would store them: what the walk pre-fills, a random
 * option for every other choice asked ("other" aside, which would need its text), the walk's steps
 * plus sometimes one declared extra for a "steps" field. Free text is left out (it is optional).
 */
export function buildAnswers(r: Rng, guide: GuideDeclaration, walk: Walk): Answers {
  const prefill = prefillFromPath(guide, walk);
  const out: Answers = {};
  for (const field of answerFields(guide)) {
    const pre = Object.hasOwn(prefill, field.key) ? prefill[field.key] : undefined;
    const options = (field.options ?? []).map((o) => o.value).filter((v) => v !== "other");
    if (field.askWhen === "never" || !isAsked(field, walk)) {
      if (pre !== undefined) out[field.key] = pre;
    } else if (field.kind === "single") out[field.key] = typeof pre === "string" ? pre : r.pick(options);
    else if (field.kind === "multi") out[field.key] = [...(Array.isArray(pre) ? pre : []), ...(r.chance(0.5) && options.length ? [r.pick(options)] : [])];
  }
  return out;
}

/** A realistic intake for a ticket: a walk of the guide to the contact step, and what the user typed. */
export function buildTicketInput(r: Rng = rng(Date.now() ^ Math.floor(Math.random() * 1e9)), guide?: GuideDeclaration) {
  const g = guide ?? getGuideDeclaration("jaist-sso")!;
  const walks = allWalks(g).filter((w) => endStep(w) === g.contactStep);
  const walk = r.pick(walks);
  const a = walk.answers;
  const english = r.chance(0.25);
  const student = r.chance(0.8);
  const unique = randomUUID().slice(0, 8);
  const name = english ? r.pick(INTERNATIONAL) : `${r.pick(FAMILY)} ${r.pick(GIVEN)}`;
  const username = student ? `s${r.int(1_000_000, 2_599_999)}` : `staff-${unique.slice(0, 5)}`;
  const beforeContact = walk.steps[walk.steps.length - 2];
  return {
    referencePrefix: g.ticketPrefix,
    guideId: g.id,
    path: walk.steps,
    walk: walk.choices,
    endStep: beforeContact,
    pathAnswers: a as Prisma.InputJsonValue,
    answers: buildAnswers(r, g, walk),
    changedFields: r.chance(0.2) ? ["tried"] : [],
    locale: english ? "en" : "ja",
    name,
    username,
    affiliation: student ? "student" : r.pick(["staff", "other"]),
    email: `${username}.${unique}@example.com`,
    failedAt: new Date(Date.now() - r.int(5, 60 * 24 * 3) * 60_000),
    device: r.pick(DEVICES),
    description: english ? r.pick(DESCRIPTIONS_EN) : r.pick(DESCRIPTIONS_JA),
  } satisfies NewTicket;
}

/** Creates a ticket in the database (with reference, token and "created" event). */
export async function createTicket(overrides: Partial<NewTicket> = {}, r?: Rng) {
  const input = { ...buildTicketInput(r), ...overrides };
  return db().$transaction((tx) => insertTicket(tx, input));
}

/** Creates a staff user with a unique e-mail; returns the user and the plain password. */
export async function createStaff(
  overrides: { email?: string; name?: string; role?: StaffRole; active?: boolean; password?: string } = {},
) {
  const password = overrides.password ?? `pw-${randomUUID()}`;
  const user = await db().staffUser.create({
    data: {
      email: overrides.email ?? `staff-${randomUUID().slice(0, 8)}@example.com`,
      name: overrides.name ?? "Test Staff",
      role: overrides.role ?? "agent",
      active: overrides.active ?? true,
      passwordHash: await bcrypt.hash(password, 10),
    },
  });
  return { user, password };
}
