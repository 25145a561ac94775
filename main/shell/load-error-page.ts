const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A self-contained page (a data: URL, so it shows even when app:// itself is what broke)
 * saying that the window could not load and what to do about it.
 */
export function loadErrorPage(url: string, code: number, description: string): string {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>NeuroOps could not load</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font:15px system-ui,sans-serif;margin:3em;max-width:42em;color:#222}code{background:#eee;padding:0 .3em}</style></head>
<body><h1>NeuroOps could not load its window</h1>
<p>Loading <code>${escapeHtml(url)}</code> failed: ${escapeHtml(description || 'unknown error')} (${code}).</p>
<p>Your data is untouched. Reinstalling NeuroOps usually fixes a damaged installation; from a source checkout,
run <code>npm run build</code>, then start NeuroOps again.</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
