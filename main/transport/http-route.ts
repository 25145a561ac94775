import type http from 'node:http';

/**
 * A feature's own HTTP endpoints beside the app API (the MLflow REST API, artifact
 * downloads). A route answers and returns true, or returns false to pass the request on.
 * Authentication has already been checked when a route runs.
 */
export type HttpRoute = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, caller: HttpCaller) => Promise<boolean>;

/** Who sent a request, as authentication found: `user` is set when the token belongs to a named user. */
export interface HttpCaller {
  user?: string;
}
