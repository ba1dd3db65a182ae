// What the staff member reads when a mailed link cannot be used (the admin UI is Japanese: 0005).
import type { TokenProblem } from "@/lib/data/staff-tokens";

export const TOKEN_PROBLEM_MESSAGES: Record<"invitation" | "reset", Record<TokenProblem, string>> = {
  invitation: {
    invalid: "この招待リンクは無効です。メールのリンクを最後まで開いたか確認してください。取り消された招待は使えません。",
    used: "この招待リンクはすでに使われています。設定したパスワードでログインしてください。",
    expired: "この招待リンクは有効期限が切れています。管理者に招待の再送を依頼してください。",
    inactive: "このアカウントは無効になっています。管理者にお問い合わせください。",
    exists: "このメールアドレスのアカウントはすでにあります。ログインしてください。",
  },
  reset: {
    invalid: "このパスワード再設定リンクは無効です。メールのリンクを最後まで開いたか確認してください。",
    used: "このパスワード再設定リンクはすでに使われています。必要ならもう一度再設定を依頼してください。",
    expired: "このパスワード再設定リンクは有効期限が切れています。もう一度再設定を依頼してください。",
    inactive: "このアカウントは無効になっています。管理者にお問い合わせください。",
    exists: "このアカウントではパスワードを再設定できません。管理者にお問い合わせください。",
  },
};
