import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { ForgeHost } from '../../../sandbox/runtime/host';
import { ensureBuilt } from '../../../sandbox/web/build-freshness';
import { APP_DIR, assertContracts, startHttpSandbox, type HttpSandbox } from '../../support/sandbox';

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

/**
 * The teardown every browser suite needs: after each test its browser contexts close; after the suite the browser
 * and the sandbox close, every Jira call the sandbox served is checked against Atlassian's specs, and any script
 * error a page raised fails the suite (it would be silent otherwise). `site` is read when the hooks run, because the
 * suite's beforeAll sets it.
 */
export function tearDownSite(options: { contexts: BrowserContext[]; pageErrors?: string[]; site: () => { browser?: Browser; sandbox?: HttpSandbox; host?: ForgeHost } }): void {
  afterEach(async () => {
    await Promise.all(options.contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    const { browser, sandbox } = options.site();
    await browser?.close();
    await sandbox?.close();
  });
  afterAll(() => {
    const { host } = options.site();
    if (host) assertContracts(host);
  });
  if (options.pageErrors) {
    const errors = options.pageErrors;
    afterAll(() => {
      expect(errors).toEqual([]);
    });
  }
}
