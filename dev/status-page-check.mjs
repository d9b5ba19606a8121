// The status page as an operator meets it: Debian's Chromium (driven by playwright-core, no browser download)
// against the packaged app that deploy/ui-check.sh started on a prepared log. Fails on the first broken promise.
//   node dev/status-page-check.mjs BASE TOKEN SCREENSHOT_DIR APP_PID
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, token, shots, appPid] = process.argv.slice(2);
const INJECTED = '<img src=x onerror="window.__injected=1">';
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
const origin = new URL(base).origin;
const check = (ok, what) => {
  if (!ok) throw new Error(what);
  console.log(`ok    ${what}`);
};
const api = async (path) => (await fetch(`${base}${path}`)).json();
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  page.on('request', (r) => { if (new URL(r.url()).origin !== origin) problems.push(`request to another host: ${r.url()}`); });

  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.Chart && Chart.getChart('score-chart'));
  const state = await api('/heartbeat');
  check(await page.locator('#status').getAttribute('data-status') === state.status,
    `the overview shows the API's status (${state.status})`);
  check(await page.locator('[data-total="pulses"]').textContent() === String(state.total_pulses)
    && await page.locator('[data-total="failed"]').textContent() === String(state.failed)
    && await page.locator('[data-total="alerts"]').textContent() === String(state.alerts)
    && await page.locator('[data-total="celebrations"]').textContent() === String(state.celebrations),
    `the overview shows the API's totals (${state.total_pulses} pulses, ${state.failed} failed)`);
  const recent = await api('/heartbeat/pulses?limit=50');
  const scored = recent.filter((p) => p.consciousness_score !== null).length;
  const points = await page.evaluate(() => Chart.getChart('score-chart').data.datasets[0].data.filter((v) => v !== null).length);
  const failedMarks = await page.evaluate(() => Chart.getChart('score-chart').data.datasets[1].data.filter((v) => v !== null).length);
  check(points === scored && failedMarks === recent.length - scored,
    `the chart has one point per recent scored pulse (${points}) and a mark per failed one (${failedMarks})`);
  await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });

  // live: a pulse asked for through the API appears without a reload
  const before = state.total_pulses;
  const asked = await fetch(`${base}/heartbeat/pulses`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  check(asked.status === 202, 'a manual pulse was accepted');
  const pulseId = (await asked.json()).id;
  await page.waitForFunction((id) => document.querySelector('[data-last-id]')?.dataset.lastId === id, pulseId,
    { timeout: 30_000 });
  check(await page.locator('[data-total="pulses"]').textContent() === String(before + 1)
    && await page.evaluate(() => window.Chart && !!Chart.getChart('score-chart')),
    'the overview shows the new pulse without a reload, chart redrawn');

  // a pulse's transcript, reached by a click; the injected reply is text
  const injectedId = recent.find((p) => p.consciousness_score !== null).id;
  await page.goto(`${base}/pulses`);
  await page.click(`a[href="/pulses/${injectedId}"]`);
  await page.waitForURL(`**/pulses/${injectedId}`);
  check(await page.locator('h1').textContent() !== '' && await page.locator('.round').count() > 0,
    'a click on a pulse opens its transcript');
  const texts = await page.locator('.reply .text').allTextContents();
  check(texts.some((t) => t.includes(INJECTED)), 'the injected reply is shown as text');
  check(await page.locator('.reply img, main script').count() === 0
    && await page.evaluate(() => window.__injected === undefined), 'and runs nothing');
  await page.screenshot({ path: `${shots}/pulse.png`, fullPage: true });

  // a phone, in dark mode
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  const small = await phone.newPage();
  small.on('pageerror', (e) => problems.push(`script error (phone): ${e.message}`));
  await small.goto(`${base}/`);
  await small.waitForFunction(() => window.Chart && Chart.getChart('score-chart'));
  const dark = await small.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check(dark !== light, `dark mode follows the system (${dark} instead of ${light})`);
  check(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'a phone needs no sideways scrolling (wide tables scroll in their own box)');
  await small.screenshot({ path: `${shots}/overview-phone-dark.png`, fullPage: true });

  check(problems.length === 0, `no console or script error, no dialog, no request to another host${
    problems.length ? `: ${problems.join('; ')}` : ''}`);

  // the service goes away: the page says so (its failed polls are the console errors expected now)
  await page.goto(`${base}/`);
  process.kill(Number(appPid), 'SIGTERM');
  await page.locator('#connection').waitFor({ state: 'visible', timeout: 30_000 });
  check(/lost/.test(await page.locator('#connection').textContent()), 'a lost connection is said on the page');
} catch (e) {
  console.error(`FAIL  ${e.message}`);
  if (problems.length) console.error(`      also: ${problems.join('; ')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
