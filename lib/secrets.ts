// Finds likely secrets in free text before a ticket is stored (issue 4): help-desk staff must never
// receive a password, an OTP code, an OTP secret or a recovery code, and the database must not keep
// one. Tuned to miss ordinary talk about passwords ("パスワードを変更しました"), student numbers,
// dates and certificate serials; the tests beside this file list both sides.

export type SecretKind = "password" | "otp-code" | "otp-secret" | "recovery-code";

// A password keyword, a separator (": ", "は", "=", "is"), then one ASCII token.
const PASSWORD = /(?:パスワード|暗証番号|(?<![a-z])(?:password|passwd|passcode|pass|pw)(?![a-z]))\s*(?::|=|は|is\b)\s*["'「]?([!-~]+)/giu;
// Words that are not a password even when they follow "password is".
const NOT_A_PASSWORD = /^(?:correct|wrong|right|incorrect|invalid|expired|ok|fine|the|my|a|an|not|same|new|old|changed|reset)$/i;

const OTP_WORD = /(?:otp|ワンタイム|認証コード|確認コード|コード|one[- ]time|code|token|トークン)/giu;
const DIGIT_CODE = /(?<![0-9A-Za-z\-/:.])(?:\d{6,8}|\d{3}[ -]\d{3})(?![0-9A-Za-z\-/:.])/g;

const RECOVERY_WORD = /(?:recovery|backup|リカバリ|バックアップ|回復)/giu;
const RECOVERY_CODE = /(?<![0-9A-Za-z])(?:[A-Za-z0-9]{4,5}[- ][A-Za-z0-9]{4,5}|\d{8,10})(?![0-9A-Za-z])/g;

const BASE32 = /(?<![A-Za-z0-9])(?:[A-Z2-7]{4} ?){4,}(?![A-Za-z0-9])|(?<![A-Za-z0-9])(?:[a-z2-7]{4} ?){4,}(?![A-Za-z0-9])/g;

/** How many character classes (lower, upper, digit, symbol) a token mixes. */
function classes(token: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(token)).length;
}

function near(text: string, index: number, length: number, words: RegExp, distance = 24): boolean {
  const window = text.slice(Math.max(0, index - distance), index + length + distance);
  words.lastIndex = 0;
  return words.test(window);
}

/** The kinds of likely secrets in a text (empty when none). The text is NFKC-normalised first. */
export function findSecrets(input: string): SecretKind[] {
  const text = input.normalize("NFKC");
  const found = new Set<SecretKind>();

  for (const m of text.matchAll(PASSWORD)) {
    const token = m[1].replace(/["'」。、,.]+$/u, "");
    if (token.length >= 6 && classes(token) >= 2 && !NOT_A_PASSWORD.test(token)) found.add("password");
  }
  for (const m of text.matchAll(DIGIT_CODE)) {
    if (near(text, m.index, m[0].length, OTP_WORD)) found.add("otp-code");
  }
  for (const m of text.matchAll(RECOVERY_CODE)) {
    if (near(text, m.index, m[0].length, RECOVERY_WORD, 40)) found.add("recovery-code");
  }
  for (const m of text.matchAll(BASE32)) {
    const compact = m[0].replace(/ /g, "");
    // Real secrets mix letters with the digits 2-7; a long all-letter run is a shouted word.
    if (compact.length >= 16 && /[2-7]/.test(compact) && /[A-Za-z]/.test(compact)) found.add("otp-secret");
  }
  return [...found];
}

export function containsSecret(text: string): boolean {
  return findSecrets(text).length > 0;
}

const MASK = "[****]";

/**
 * The text with every likely secret replaced by a mask, and the kinds found: for text that arrives
 * without a form to send back (a mail, issue 11), so the secret is never stored. Returns the text
 * unchanged when there is none; otherwise its NFKC form, in which the secrets were found.
 */
export function maskSecrets(input: string): { text: string; kinds: SecretKind[] } {
  const kinds = findSecrets(input);
  if (!kinds.length) return { text: input, kinds };
  let text = input.normalize("NFKC");
  text = text.replace(PASSWORD, (whole: string, token: string) => {
    const clean = token.replace(/["'」。、,.]+$/u, "");
    if (clean.length >= 6 && classes(clean) >= 2 && !NOT_A_PASSWORD.test(clean)) return whole.slice(0, whole.length - token.length) + MASK + token.slice(clean.length);
    return whole;
  });
  text = text.replace(DIGIT_CODE, (code: string, offset: number, all: string) => (near(all, offset, code.length, OTP_WORD) ? MASK : code));
  text = text.replace(RECOVERY_CODE, (code: string, offset: number, all: string) => (near(all, offset, code.length, RECOVERY_WORD, 40) ? MASK : code));
  text = text.replace(BASE32, (run: string) => {
    const compact = run.replace(/ /g, "");
    return compact.length >= 16 && /[2-7]/.test(compact) && /[A-Za-z]/.test(compact) ? MASK + (run.endsWith(" ") ? " " : "") : run;
  });
  return { text, kinds };
}
