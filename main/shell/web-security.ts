import { app, session, shell, type WebContents } from 'electron';
import { isTrustedRendererUrl } from './app-protocol';

function openIfWebLink(url: string): void {
  if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
}

/**
 * Every web contents, now and later: no navigation away from our renderer, no new
 * windows (web links go to the system browser), no webviews, no permissions.
 */
export function lockDownWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (isTrustedRendererUrl(url)) return;
      event.preventDefault();
      openIfWebLink(url);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedRendererUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openIfWebLink(url);
      return { action: 'deny' };
    });
  });
}
