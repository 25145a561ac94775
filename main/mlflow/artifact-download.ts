import type fs from 'node:fs';
import { invalid } from '../core/app-error';
import { artifactContentType } from '../services/tracking/content-type';
import type { TrackingService } from '../services/tracking/tracking-service';
import type { ArtifactLocation } from './artifact-location';

/** A stored artifact ready to send: its response headers and a stream of its bytes. */
export interface ArtifactDownload {
  headers: Record<string, string>;
  size: number;
  /** Reads the blob from disk chunk by chunk; a file is never held in memory whole. */
  stream(): fs.ReadStream;
}

/**
 * `attachment` with the base name, as a quoted ASCII fallback (for old clients) and as
 * RFC 5987 UTF-8, so a name with accents or quotes survives and can never break the header.
 */
export function attachmentDisposition(artifactPath: string): string {
  const name = artifactPath.slice(artifactPath.lastIndexOf('/') + 1);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Opens a file of a run for download, whatever the transport (the HTTP artifact proxy, or
 * the desktop window's app:// scheme). Unknown runs and paths fail with
 * RESOURCE_DOES_NOT_EXIST, folders and levels above a run's tree with INVALID_PARAMETER_VALUE.
 */
export function openArtifactDownload(tracking: TrackingService, where: ArtifactLocation): ArtifactDownload {
  if (where.level !== 'tree' || where.inRun === '') throw invalid('Name a file inside a run\'s artifacts to download it.');
  const artifact = tracking.openArtifact(where.runId!, where.inRun);
  return {
    size: artifact.size,
    stream: artifact.stream,
    headers: {
      'Content-Type': artifactContentType(artifact.path),
      'Content-Length': String(artifact.size),
      'Content-Disposition': attachmentDisposition(artifact.path),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // An SVG or any other active content must never run as a page of this origin.
      'Content-Security-Policy': "sandbox; default-src 'none'",
      ETag: `"${artifact.sha256}"`,
    },
  };
}
