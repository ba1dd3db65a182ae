// The notification kinds, their Japanese labels (the admin UI is Japanese only, decision 0005) and
// the defaults a staff member has until they choose (docs/decisions/0022).
export const NOTIFICATION_KINDS = ["new_ticket", "requester_message", "assigned", "sla_warning", "sla_breach"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationChoice = { inApp: boolean; mail: boolean };

export const NOTIFICATION_LABELS: Record<NotificationKind, { title: string; hint: string; item: string }> = {
  new_ticket: { title: "フォロー中のガイドの新しいお問い合わせ", hint: "下で選んだガイドにお問い合わせが届いたとき", item: "新しいお問い合わせ" },
  requester_message: { title: "依頼者の返信", hint: "あなたが担当するチケット(担当者のいないチケットはフォローしているガイドのもの。フォロワーのいないガイドは管理者)に依頼者が書き込んだとき", item: "依頼者からの返信" },
  assigned: { title: "担当の割り当て", hint: "ほかのスタッフがあなたを担当者にしたとき", item: "あなたに割り当て" },
  sla_warning: {
    title: "対応期限が近いとき",
    hint: "担当チケット(担当者のいないチケットはフォローしているガイドのもの。フォロワーのいないガイドは管理者)の初回応答または解決の期限が近づいたとき",
    item: "対応期限が近づいています",
  },
  sla_breach: {
    title: "対応期限を過ぎたとき",
    hint: "担当チケット(担当者のいないチケットはフォローしているガイドのもの。フォロワーのいないガイドは管理者)の初回応答または解決の期限を過ぎたとき",
    item: "対応期限を過ぎました",
  },
};

// In-app for everything; mail only where the work is already one's own (assigned, the requester's
// answer on one's ticket) or a promise to the requester is about to be or has been missed (SLA), so a
// follow of a busy guide does not fill the inbox.
export const DEFAULT_CHOICES: Record<NotificationKind, NotificationChoice> = {
  new_ticket: { inApp: true, mail: false },
  requester_message: { inApp: true, mail: true },
  assigned: { inApp: true, mail: true },
  sla_warning: { inApp: true, mail: true },
  sla_breach: { inApp: true, mail: true },
};

/** The guide key of tickets without a guide (the generic form), as in the contact URL's guide=none. */
export const NO_GUIDE = "none";
