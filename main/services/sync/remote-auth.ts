import { invalid } from '../../core/app-error';

/**
 * How sync authenticates to a remote MLflow server: nothing, a bearer token, or basic
 * auth, as MLflow's own client does (MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME
 * with MLFLOW_TRACKING_PASSWORD). Credentials live only in memory here; whatever prints
 * or stores a message passes it through `redact` first.
 */
export type RemoteAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string };

export type AuthKind = RemoteAuth['kind'];

/** Credentials from MLflow's environment variables; a token wins over a user name and password, as in MLflow. */
export function authFromEnv(env: NodeJS.ProcessEnv): RemoteAuth | null {
  if (env.MLFLOW_TRACKING_TOKEN) return { kind: 'bearer', token: env.MLFLOW_TRACKING_TOKEN };
  if (env.MLFLOW_TRACKING_USERNAME && env.MLFLOW_TRACKING_PASSWORD) {
    return { kind: 'basic', username: env.MLFLOW_TRACKING_USERNAME, password: env.MLFLOW_TRACKING_PASSWORD };
  }
  return null;
}

export function authorizationHeader(auth: RemoteAuth): string | undefined {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return undefined;
}

function secretsOf(auth: RemoteAuth): string[] {
  const header = authorizationHeader(auth);
  const secrets = auth.kind === 'bearer' ? [auth.token] : auth.kind === 'basic' ? [auth.password, `${auth.username}:${auth.password}`] : [];
  if (header) secrets.push(header.slice(header.indexOf(' ') + 1));
  // Short values would blank ordinary words; a credential that short is refused elsewhere anyway.
  return secrets.filter((s) => s.length >= 4);
}

/** The text with every credential of `auth` replaced, so an error message or log line never carries one. */
export function redact(text: string, auth: RemoteAuth): string {
  let out = text;
  for (const secret of secretsOf(auth)) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * A remote URI as it may be shown and stored, with no trailing slash. User info
 * (`https://user:pass@host`) and query strings are refused: credentials in a URL end up
 * in logs and in the database, so they go through settings or the environment instead.
 */
export function normalizeRemoteUri(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri.trim());
  } catch {
    throw invalid(`"${uri}" is not a URL; give the tracking server's address, e.g. http://mlflow.lab.example:5000.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(`The remote must be an http:// or https:// URL, not ${url.protocol}.`);
  if (url.search) throw invalid('The remote URL must not carry a query string; give credentials through settings or MLFLOW_TRACKING_TOKEN.');
  if (url.username || url.password) throw invalid('Leave credentials out of the remote URL; set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or save them in Settings.');
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}
