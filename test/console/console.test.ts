import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type Browser, CHROMIUM, launchBrowser, screenshot } from './browser.js';
import { ensureConsoleBuilt } from './built-console.js';

const STYLES = ['rest', 'grpc', 'graphql', 'soap'] as const;
const title = CHROMIUM
  ? 'console in headless Chromium'
  : 'console in headless Chromium: SKIPPED, no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)';

describe.skipIf(!CHROMIUM)(title, () => {
  let server: TestServer;
  let browser: Browser;
  let orderId = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    // Slow enough to cancel mid-way, with several progress frames first.
    server = await startTestServer({ PAYMENT_SLOW_SECONDS: '8' });
    browser = await launchBrowser(CHROMIUM as string);
  }, 60_000);
  afterAll(async () => {
    await browser?.[Symbol.asyncDispose]();
    await server?.[Symbol.asyncDispose]();
  });

  it('serves the page at / (redirect) and links the API documents, all reachable', async () => {
    const { page } = browser;
    await page.goto(server.url);
    expect(new URL(page.url()).pathname).toBe('/console/');
    const links = await page
      .locator('nav a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['/docs', '/graphql', '/soap?wsdl', '/asyncapi.json', '/console/report']);
    for (const href of links.slice(0, 4)) {
      const response = await fetch(`${server.url}${href}`, { headers: { accept: 'text/html' } });
      expect(response.status, href as string).toBe(200);
    }
  });

  it('creates an order from the keyboard and shows it in all four panels with the same id and version', async () => {
    const { page } = browser;
    // Tab from the top of the page to the create button, then press Enter.
    for (let i = 0; i < 30; i++) {
      if ((await page.evaluate(() => document.activeElement?.id)) === 'create-order') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('create-order');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'the same id and version in all four styles' })
      .waitFor();

    const seen = [];
    for (const style of STYLES) {
      const panel = page.locator(`#panel-${style}`);
      seen.push([
        await panel.getAttribute('data-order-id'),
        await panel.getAttribute('data-order-version'),
      ]);
      expect(await panel.locator('.call[data-ok="true"]').count(), style).toBe(2);
    }
    orderId = seen[0]?.[0] ?? '';
    expect(orderId).toMatch(/^ord_/);
    expect(seen).toEqual(STYLES.map(() => [orderId, '1']));

    const request = (style: string) =>
      page.locator(`#panel-${style} .call`).first().locator('.request code');
    expect(await request('rest').textContent()).toContain("curl -si -X POST 'http://127.0.0.1");
    expect(await request('grpc').textContent()).toMatch(
      /^npx buf curl --protocol grpc --http2-prior-knowledge[\s\S]*http:\/\/127\.0\.0\.1:\d+\/commerce\.v1\.OrderService\/CreateOrder$/,
    );
    expect(await request('graphql').textContent()).toContain('mutation CreateOrder');
    expect(await request('soap').textContent()).toContain('<c:CreateOrder>');
    // One idempotency key in all four: REST created the order, the others replayed it.
    const restResponse = page.locator('#panel-rest .call').first().locator('.response code');
    expect(await restResponse.textContent()).toMatch(/^HTTP\/1\.1 201/);
    expect(await page.locator('#panel-grpc .metrics .latency').first().textContent()).toMatch(
      /ms$/,
    );
    await screenshot(page, 'console-1280-order');
  });

  it("shows the order's events in the live feed with their sequence", async () => {
    const item = browser.page.locator(
      `#feed li[data-order-id="${orderId}"][data-type="order.created"]`,
    );
    await item.waitFor();
    expect(Number(await item.getAttribute('data-sequence'))).toBeGreaterThan(0);
    expect(await item.locator('.seq').textContent()).toMatch(/^#\d+$/);
  });

  it('starts a slow payment over WebSocket, shows its progress and cancels it', async () => {
    const { page } = browser;
    await page.selectOption('#payment-method', 'pm_card_slow');
    // From the keyboard, as the order was created.
    await page.focus('#start-payment');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => (document.getElementById('payment-progress') as HTMLProgressElement).value > 0,
    );
    await screenshot(page, 'console-1280-payment-progress');
    await page.focus('#cancel-payment');
    await page.keyboard.press('Space');
    await page
      .locator('#payment-status')
      .filter({ hasText: /failed \(canceled\)/ })
      .waitFor({ timeout: 15_000 });
    await page
      .locator(`#feed li[data-order-id="${orderId}"][data-type="payment.failed"]`)
      .waitFor();
    await screenshot(page, 'console-1280-payment-cancelled');
  }, 30_000);

  it('is usable at 390 px: no sideways scrolling, panels stacked', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    const lefts = await page
      .locator('.panel')
      .evaluateAll((panels) => panels.map((p) => Math.round(p.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(1);
    await screenshot(page, 'console-390');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'console-390-viewport', false);
    await page.setViewportSize({ width: 1280, height: 900 });
    const wide = await page
      .locator('.panel')
      .evaluateAll((panels) => panels.map((p) => Math.round(p.getBoundingClientRect().top)));
    expect(new Set(wide).size).toBe(1); // one row of four at 1280 px
  });

  it('raised no error in the page', () => {
    expect(browser.errors).toEqual([]);
  });
});
