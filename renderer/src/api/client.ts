import type { ApiClient, Input, Output, ProcedureName } from '../../../electron/api/contract';
import type { ApiErrorBody, Result } from '../../../electron/api/errors';
import type { Lang } from '../../../electron/api/i18n';

const TOKEN_KEY = 'ksbb-token';

/**
 * The web host hands its per-start token in the URL fragment (`#token=…`); keep it for this tab
 * and take it out of the address bar.
 */
function webToken(): string | null {
  const match = /^#token=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    window.history.replaceState(null, '', `${window.location.pathname}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Calls the web host's `POST /api/<procedure>` with the token; same Result shape as IPC. */
function webClient(token: string | null): ApiClient {
  return {
    async call<K extends ProcedureName>(name: K, input: Input<K>, lang: Lang): Promise<Result<Output<K>>> {
      const response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ksbb-token': token ?? '', 'x-ksbb-lang': lang },
        body: JSON.stringify(input),
      });
      // The host answers every API request, errors included, with a JSON Result.
      return (await response.json()) as Result<Output<K>>;
    },
  };
}

export const client: ApiClient = window.ksbb ?? webClient(webToken());

export class ApiError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.code = body.code;
    this.details = body.details;
  }
}

const signedOutListeners = new Set<(error: ApiError) => void>();

/** Told when a call finds the session gone (idle timeout, disabled account): the app shows sign-in again. */
export function onSignedOut(listener: (error: ApiError) => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** The one place the renderer unwraps a Result: a value, or an ApiError whose message is for the user. */
export async function call<K extends ProcedureName>(name: K, input: Input<K>, lang: Lang): Promise<Output<K>> {
  let result: Result<Output<K>>;
  try {
    result = await client.call(name, input, lang);
  } catch (error) {
    throw new ApiError({ code: 'internal', message: (error as Error).message });
  }
  if (!result.ok) {
    const error = new ApiError(result.error);
    if (error.code === 'sign_in_required' || error.code === 'session_expired') for (const listener of signedOutListeners) listener(error);
    throw error;
  }
  return result.value;
}
