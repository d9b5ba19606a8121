// The Dev UI as a developer meets it: Debian's Chromium opens /q/dev-ui/extensions of a running dev mode and
// must render the extension cards (web components, shadow DOM: only a real browser shows they work).
//   node dev/dev-ui-check.mjs http://127.0.0.1:8080 [screenshot.png]
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const errors = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/q/dev-ui/extensions`);
  // cards of this app's extensions, with what they found in it
  for (const text of ['SmallRye Health', 'SmallRye Fault Tolerance', 'Micrometer metrics']) {
    await page.getByText(text, { exact: true }).first().waitFor({ timeout: 30_000 });
  }
  if (errors.length) throw new Error(`script errors on the page: ${errors.join('; ')}`);
  console.log('Dev UI: extension cards rendered');
} catch (e) {
  if (screenshot) await browser.contexts()[0]?.pages()[0]?.screenshot({ path: screenshot }).catch(() => {});
  console.error(`Dev UI check failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
