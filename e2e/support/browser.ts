// The browser both Playwright configs launch: the one scripts/test.ts found or installed
// (scripts/provision.ts, passed as E2E_BROWSER), else the first one on this machine; Playwright's own
// cached browser is one of the candidates.
import { BROWSER, findProgram } from "../../scripts/provision";

const browserPath = process.env.E2E_BROWSER || findProgram(BROWSER.candidates);

export const launchOptions = {
  ...(browserPath ? { executablePath: browserPath } : {}),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    // This machine's network is closed: without these, Chromium's own connections fail by the dozen.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    '--host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"',
  ],
};
