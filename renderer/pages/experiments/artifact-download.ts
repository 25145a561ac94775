import { api } from '../../api/client';

/** What the app API can carry in one answer (its readArtifact limit). */
const MAX_API_BYTES = 16 * 1024 * 1024;

function bytesOf(content: string, encoding: 'utf8' | 'base64'): Uint8Array<ArrayBuffer> {
  if (encoding === 'utf8') return new TextEncoder().encode(content);
  const binary = atob(content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves an artifact. Files the app API can carry are fetched through it, which works in
 * the desktop window and the browser alike; larger ones use the HTTP artifact proxy.
 */
export async function downloadArtifact(runId: string, path: string, size: number, downloadPath: string): Promise<void> {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const link = document.createElement('a');
  link.download = name;
  if (size > MAX_API_BYTES) {
    link.href = downloadPath;
    link.click();
    return;
  }
  const content = await api.tracking.readArtifact({ runId, path, maxBytes: MAX_API_BYTES });
  const url = URL.createObjectURL(new Blob([bytesOf(content.content, content.encoding)], { type: content.contentType }));
  link.href = url;
  link.click();
  // The click has started the download; the object URL is no longer needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
