// Settings the e2e app servers share (playwright.config.ts and the second instance of scale-out.spec.ts).
// A fixed secret for test servers only; production must set its own (lib/env.ts).
export const E2E_AUTH_SECRET = "e2e-only-secret-0123456789abcdef0123456789";
// The help desk's mailbox in the private Dovecot of e2e runs (e2e/support/dovecot-server.ts).
export const E2E_IMAP_USER = "helpdesk@localhost";
export const E2E_IMAP_PASSWORD = "e2e-imap-password";
