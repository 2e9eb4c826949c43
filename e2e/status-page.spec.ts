// A newcomer's first look: the Status page (/status, in the nav), in real Chromium, shows the ten
// tables holding data.
import { expect, test } from '@playwright/test';
import { startDashboard, type RunningServer } from './server.js';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startDashboard();
});
test.afterAll(async () => server?.stop());

test('the status page shows every table of the environment with items', async ({ page }) => {
  await page.goto(`${server.url}/status`);
  const table = page.getByTestId('tables');
  await expect(table).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(5);
  for (const base of [
    'dora_market_config',
    'dora_state',
    'dora_trade_log',
    'dora_decision_log',
    'dora_execution_log',
  ]) {
    const row = rows.filter({ hasText: `${base}_demo` });
    await expect(row).toContainText('yes');
    await expect(row.getByTestId('has-data')).toHaveText('has data');
  }
  await expect(page.getByTestId('newest-decision')).toContainText(' at 20');
  await expect(page.getByTestId('newest-fill')).toContainText(' @ 0.');
  await page.screenshot({ path: 'test-results/status-page.png', fullPage: true });
});

test('the status page reads its times in the chosen time zone, with the same picker as every page', async ({
  page,
}) => {
  await page.goto(`${server.url}/status?tz=${encodeURIComponent('America/New_York')}`);
  // Issue 16 item 14: one time-zone picker on every page; item 12: one date format (no raw ISO).
  await expect(page.getByLabel('Time zone')).toBeVisible();
  await expect(page.getByTestId('newest-decision')).toContainText(
    / at 20\d\d-\d\d-\d\d \d\d:\d\d:\d\d E[SD]T$/,
  );
});

test('switching to prod keeps the view in the URL and shows prod tables', async ({ page }) => {
  await page.goto(`${server.url}/status`);
  await page.getByRole('button', { name: 'PROD' }).click();
  await expect(page).toHaveURL(/env=prod/);
  await expect(page.getByTestId('tables')).toContainText('dora_decision_log_prod');
});
