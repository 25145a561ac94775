import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Serious and critical axe-core findings, one line each, so a failure names the rule and the elements. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/**
 * Switches the theme and waits for the page to settle before it is checked again: the mouse
 * goes away from the button, so its tooltip is not caught half faded in.
 */
export async function toggleThemeAndSettle(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'toggle theme' }).click();
  await page.mouse.move(700, 890);
  await page.getByRole('tooltip').waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(300);
}
