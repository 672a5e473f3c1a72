import { chromium, type Browser } from 'playwright-core';
import { ensureBuilt } from '../../../sandbox/web/build-freshness';
import { APP_DIR, startHttpSandbox, type HttpSandbox } from '../../support/sandbox';

/** Debian's Chromium headless, without the background traffic this closed network refuses. */
export const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * What every browser suite starts with: the pages built, the sandbox served on a free port and reset to the demo
 * (its Jira calls recorded against the specs), and one Chromium (CHROME_PATH, else /usr/bin/chromium).
 */
export async function openSimulatedSite(): Promise<{ sandbox: HttpSandbox; browser: Browser }> {
  ensureBuilt(APP_DIR);
  const sandbox = await startHttpSandbox('demo');
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
  return { sandbox, browser };
}
