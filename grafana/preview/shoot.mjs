// Screenshots grafana/preview pages with Debian's chromium through playwright-core.
// Usage: node grafana/preview/shoot.mjs BASE_URL RANGE_SECONDS OUT_DIR dash[:file.png] ...
import { chromium } from 'playwright-core';

const [base, range, outDir, ...dashes] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') console.error('  page:', m.text()); });
  for (const spec of dashes) {
    const [dash, file] = spec.split(':');
    await page.goto(`${base}/preview/index.html?dash=${dash}&range=${range}`);
    await page.waitForSelector('body[data-done="1"]', { timeout: 60000 });
    const errors = await page.$$eval('.error', (els) => els.map((e) => e.textContent));
    const empty = await page.$$eval('.nodata', (els) => els.length);
    const out = `${outDir}/${file || dash + '.png'}`;
    await page.screenshot({ path: out, fullPage: true });
    console.log(`screenshot ${out}: ${empty} panels without data, ${errors.length} errors ${errors.join('; ')}`);
  }
} finally {
  await browser.close();
}
