import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from './support/browser';
import { useServeAndBrowser } from './support/session';

/** Drops files on the page as the browser does for a drag from the file manager. */
async function drop(page: Page, files: Array<{ name: string; text: string }>): Promise<void> {
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const item of items) transfer.items.add(new File([item.text], item.name));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, files);
}

describe('the desktop layer, in a browser on neuroops serve', () => {
  const session = useServeAndBrowser();

  it('shows About with the versions and the data folder', async () => {
    const { page, errors } = await openPage(session.browser, session.serve.url);
    await page.getByRole('button', { name: 'about NeuroOps' }).click();
    const dialog = page.getByRole('dialog', { name: 'About NeuroOps' });
    await expect.poll(() => dialog.getByTestId('about-data-folder').textContent()).toBe(session.serve.dataDir);
    expect(await dialog.getByTestId('about-electron').textContent()).toBe('not running in Electron');
    expect(await dialog.getByTestId('about-node.js').textContent()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await dialog.getByTestId('about-onnxruntime').textContent()).toMatch(/^\d+\.\d+/);
    // A browser cannot open the server's folders: no such button.
    expect(await dialog.getByRole('button', { name: 'Open data folder' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a dropped file it cannot take, and a zip that is not a bundle, saying why', async () => {
    const { page } = await openPage(session.browser, session.serve.url);
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('connected');
    await drop(page, [{ name: 'sub-01_eeg.edf', text: 'x' }]);
    await expect.poll(() => page.getByTestId('desktop-refusal').textContent()).toContain('neuroops inspect PATH');
    await page.getByRole('button', { name: 'Close' }).click();

    await drop(page, [{ name: 'a.zip', text: 'x' }, { name: 'b.zip', text: 'y' }]);
    await expect.poll(() => page.getByTestId('desktop-refusal').textContent()).toBe('2 items were dropped; drop one dataset or bundle at a time.');
    await page.getByRole('button', { name: 'Close' }).click();

    await drop(page, [{ name: 'holiday.zip', text: 'not a zip' }]);
    const title = page.getByRole('dialog', { name: 'The bundle was not imported' });
    await expect.poll(() => title.count()).toBe(1);
    await page.close();
  });
});
