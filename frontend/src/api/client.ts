// Calls to the shop's API with the shopper's access token when there is one: a 401 refreshes the
// session once and retries; a session that cannot be refreshed is over.
import { tokenAfterRejection, validAccessToken } from '../state/session';
import { ApiError, fetchJson, type RequestOptions } from './http';

export interface ApiOptions extends RequestOptions {
  /** 'optional': send the token when signed in; 'required': fail with 401 when signed out. */
  auth?: 'none' | 'optional' | 'required';
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const { auth = 'none', ...request } = options;
  const token = auth === 'none' ? undefined : await validAccessToken();
  if (auth === 'required' && !token) throw new ApiError(401, 'unauthorized', 'Please sign in first.');
  const send = (bearer: string | undefined) =>
    fetchJson<T>(path, { ...request, headers: { ...request.headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } });
  try {
    return await send(token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !token) throw error;
    const fresh = await tokenAfterRejection(token);
    if (!fresh) {
      if (auth === 'required') throw new ApiError(401, 'unauthorized', 'Your session ended. Please sign in again.');
      return send(undefined);
    }
    return send(fresh);
  }
}
