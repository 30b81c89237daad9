import { z } from 'zod';
import { AppError } from '../../api/errors';
import {
  enrolResponseSchema,
  hubErrorSchema,
  type PullResponse,
  pullResponseSchema,
  type PushResult,
  pushResponseSchema,
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
} from '../../api/sync-protocol';
import type { OutgoingMutation } from './outbox';

/** Node's fetch, injected so tests can cut the connection or fail a page. */
export type Fetch = typeof fetch;

/** How long one request may take before the hub counts as unreachable. */
const REQUEST_TIMEOUT_MS = 60_000;

export interface HubClient {
  enrol(input: { code: string; deviceId: string; name: string }): Promise<{ deviceId: string; token: string }>;
  /** Answers per mutation; a batch the hub refuses as a whole (unknown field, scope) comes back as `refused`. */
  push(mutations: readonly OutgoingMutation[]): Promise<{ results: PushResult[] } | { refused: { mutationId: string; reason: string }[] }>;
  pull(cursor: number, limit: number): Promise<PullResponse>;
  hasBlob(sha256: string): Promise<boolean>;
  putBlob(sha256: string, bytes: Buffer): Promise<void>;
  /** The blob's bytes, or null when the hub does not have it. */
  getBlob(sha256: string): Promise<Buffer | null>;
}

const refusedBatchSchema = z.object({ results: z.array(z.object({ mutationId: z.string(), reason: z.string() })).min(1) }).loose();
const mismatchSchema = z.object({ hubProtocol: z.number(), clientProtocol: z.number().nullable() }).loose();

/** A short reason for a failed connection (the system's code when there is one: ECONNREFUSED). */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return `${cause.code}${typeof cause.message === 'string' ? ` (${cause.message})` : ''}`;
  if ((error as { name?: unknown }).name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The device's side of the protocol over HTTP: every request carries the protocol version and the
 * device token (never logged), every answer is parsed with the protocol's schemas.
 */
export function hubClient(serverUrl: string, token: string | null, fetchImpl: Fetch = fetch): HubClient {
  const base = serverUrl.replace(/\/+$/, '');

  async function send(method: 'GET' | 'POST' | 'HEAD' | 'PUT', path: string, body?: { json: unknown } | { bytes: Buffer }): Promise<{ response: Response; bytes: Buffer }> {
    const headers: Record<string, string> = { [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'json' in body ? 'application/json' : 'application/octet-stream';
    try {
      const response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : 'json' in body ? JSON.stringify(body.json) : new Uint8Array(body.bytes),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      return { response, bytes: Buffer.from(await response.arrayBuffer()) };
    } catch (error) {
      throw new AppError('sync_unreachable', { url: base, reason: reasonOf(error) }, { cause: error });
    }
  }

  async function call(method: 'GET' | 'POST' | 'HEAD' | 'PUT', path: string, body?: { json: unknown } | { bytes: Buffer }): Promise<{ status: number; json: unknown; bytes: Buffer }> {
    const { response, bytes } = await send(method, path, body);
    // A blob's bytes are not text; every other answer is JSON (or empty).
    const text = response.headers.get('content-type')?.startsWith('application/octet-stream') ? '' : bytes.toString('utf8');
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    if (response.status === 426) {
      const hubError = hubErrorSchema.safeParse(json);
      const versions = mismatchSchema.safeParse(json);
      throw new AppError('sync_update_required', {
        url: base,
        client: SYNC_PROTOCOL_VERSION,
        hub: versions.success ? versions.data.hubProtocol : '?',
        reason: hubError.success ? hubError.data.message : text.slice(0, 300),
      });
    }
    return { status: response.status, json, bytes };
  }

  function refusal(status: number, json: unknown): AppError {
    const hubError = hubErrorSchema.safeParse(json);
    if (status >= 500) return new AppError('sync_unreachable', { url: base, reason: `HTTP ${status}${hubError.success ? `: ${hubError.data.message}` : ''}` });
    if (status === 401 && hubError.success && hubError.data.error === 'device_revoked') return new AppError('sync_device_revoked', { url: base });
    return new AppError('sync_refused', {
      url: base,
      status,
      code: hubError.success ? hubError.data.error : 'http',
      reason: hubError.success ? hubError.data.message : `HTTP ${status}`,
    });
  }

  function parsed<T>(schema: z.ZodType<T>, status: number, json: unknown): T {
    const result = schema.safeParse(json);
    if (!result.success) throw new AppError('sync_refused', { url: base, status, code: 'malformed_answer', reason: z.prettifyError(result.error) });
    return result.data;
  }

  return {
    async enrol(input) {
      const { status, json } = await call('POST', '/v1/enrol', { json: input });
      if (status !== 200) throw refusal(status, json);
      return parsed(enrolResponseSchema, status, json);
    },
    async push(mutations) {
      const { status, json } = await call('POST', '/v1/push', { json: { mutations } });
      if (status === 200) return parsed(pushResponseSchema, status, json);
      const refused = refusedBatchSchema.safeParse(json);
      if ((status === 400 || status === 403) && refused.success) return { refused: refused.data.results };
      throw refusal(status, json);
    },
    async pull(cursor, limit) {
      const { status, json } = await call('GET', `/v1/pull?cursor=${cursor}&limit=${limit}`);
      if (status !== 200) throw refusal(status, json);
      return parsed(pullResponseSchema, status, json);
    },
    async hasBlob(sha256) {
      const { status, json } = await call('HEAD', `/v1/blobs/${sha256}`);
      if (status === 200 || status === 404) return status === 200;
      throw refusal(status, json);
    },
    async putBlob(sha256, bytes) {
      const { status, json } = await call('PUT', `/v1/blobs/${sha256}`, { bytes });
      if (status !== 200 && status !== 201) throw refusal(status, json);
    },
    async getBlob(sha256) {
      const { status, json, bytes } = await call('GET', `/v1/blobs/${sha256}`);
      if (status === 404) return null;
      if (status !== 200) throw refusal(status, json);
      return bytes;
    },
  };
}
