import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import {
  enrolRequestSchema,
  MAX_BLOB_BYTES,
  pullQuerySchema,
  pushRequestSchema,
  sha256Schema,
  stampDevice,
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type SyncMutation,
  syncCatalogue,
} from '../electron/api/sync-protocol';
import type { Clock } from '../electron/core/clock';
import type { HubStore } from './store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled device the bearer token belongs to (set for every authenticated route). */
    deviceId: string;
  }
}

/** A JSON body: room for a full push batch (5,000 mutations of a few hundred bytes). */
export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

export interface HubOptions {
  store: HubStore;
  clock: Clock;
  /** Fastify's logger (pino): `false`, `true`, or pino options such as `{ level, stream }`. */
  log: FastifyServerOptions['logger'];
  limits?: { bodyBytes?: number; blobBytes?: number; enrolRefusalsPerMinute?: number };
}

/** Refused enrolments an address may have in a minute; then it waits (429) until the oldest is a minute old. */
const ENROL_REFUSALS_PER_MINUTE = 10;
const MINUTE_MS = 60_000;

/**
 * Refused enrolment attempts per client address over the last minute, in memory: guessing codes
 * is slowed to a crawl, while an office enrolling many laptops behind one address is not held up
 * (only refusals count). Each hub process keeps its own.
 */
function enrolmentThrottle(clock: Clock, perMinute: number) {
  const refused = new Map<string, number[]>();
  const recent = (address: string, now: number) => {
    const times = (refused.get(address) ?? []).filter((at) => now - at < MINUTE_MS);
    if (times.length === 0) refused.delete(address);
    else refused.set(address, times);
    return times;
  };
  return {
    /** Milliseconds until the address may try again; 0 when it may now. */
    waitMs(address: string): number {
      const now = clock.now().getTime();
      const times = recent(address, now);
      return times.length < perMinute ? 0 : MINUTE_MS - (now - (times[times.length - perMinute] ?? now));
    },
    refusal(address: string): void {
      const now = clock.now().getTime();
      refused.set(address, [...recent(address, now), now]);
      // Addresses seen once and never again are dropped once their minute is over.
      if (refused.size > 10_000) for (const other of [...refused.keys()]) recent(other, now);
    },
  };
}

const refusal = (error: string, message: string, extra: Record<string, unknown> = {}) => ({ error, message, ...extra });

/** Why the hub refuses one mutation before writing anything, or null when it may be applied. */
function refusalOf(mutation: SyncMutation, deviceId: string, catalogue: ReturnType<typeof syncCatalogue>): { kind: 'scope' | 'schema'; reason: string } | null {
  const device = stampDevice(mutation.hlc);
  if (device !== deviceId) return { kind: 'scope', reason: `out_of_scope: stamped by device ${device}, not by this device (${deviceId})` };
  const fields = catalogue.get(mutation.table);
  if (!fields) return { kind: 'schema', reason: `unknown_table: ${mutation.table}` };
  const unknown = Object.keys(mutation.fields).filter((field) => !fields.has(field));
  if (unknown.length > 0) return { kind: 'schema', reason: `unknown_field: ${unknown.map((f) => `${mutation.table}.${f}`).join(', ')}` };
  return null;
}

/**
 * The hub: a Fastify app over a store. It holds nothing in memory that matters (devices, applied
 * mutations, records, blobs are all in the database), so several processes can serve one database.
 */
export function buildHub({ store, clock, log, limits = {} }: HubOptions): FastifyInstance {
  const catalogue = syncCatalogue();
  const blobLimit = limits.blobBytes ?? MAX_BLOB_BYTES;
  const throttle = enrolmentThrottle(clock, limits.enrolRefusalsPerMinute ?? ENROL_REFUSALS_PER_MINUTE);
  const app = Fastify({ logger: log, bodyLimit: limits.bodyBytes ?? DEFAULT_BODY_LIMIT, exposeHeadRoutes: false });
  app.decorateRequest('deviceId', '');

  // Once closing, answers end their connection: a keep-alive client with a request in flight would
  // otherwise hold the server open after that request is answered.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: blobLimit }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error(error);
      return reply.code(500).send(refusal('internal', 'The hub failed to answer; nothing of this request was written.'));
    }
    const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'malformed_request';
    return reply.code(status).send(refusal(code, error.message));
  });

  app.get('/health', async (_request, reply) => {
    try {
      await store.ping();
      return { ok: true, protocol: SYNC_PROTOCOL_VERSION };
    } catch (error) {
      app.log.error(error);
      return reply.code(503).send({ ok: false, protocol: SYNC_PROTOCOL_VERSION });
    }
  });

  app.register(
    async (v1) => {
      // The version comes before the token: an out-of-date client learns to update, not that it is unknown.
      v1.addHook('onRequest', async (request, reply) => {
        const given = request.headers[SYNC_PROTOCOL_HEADER];
        const client = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : null;
        if (client !== SYNC_PROTOCOL_VERSION) {
          const older = client === null || client < SYNC_PROTOCOL_VERSION;
          return reply.code(426).send(
            refusal(
              'protocol_mismatch',
              `Please update ${older ? 'KSBB Desk on this device' : 'the hub'}: the hub speaks sync protocol ${SYNC_PROTOCOL_VERSION}, this device sent ${client ?? 'none'} (header ${SYNC_PROTOCOL_HEADER}).`,
              { hubProtocol: SYNC_PROTOCOL_VERSION, clientProtocol: client, update: older ? 'client' : 'hub' },
            ),
          );
        }
        if (request.routeOptions.url === '/v1/enrol') return;
        const auth = request.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : '';
        const device = token === '' ? null : await store.deviceForToken(token, clock.now());
        if (device?.revoked) {
          return reply.code(401).send(refusal('device_revoked', `Device ${device.deviceId} was revoked by the hub's administrator: enrol it again with a new code.`));
        }
        if (device === null) {
          return reply.code(401).send(refusal('unauthorized', token === '' ? 'A device token is required (Authorization: Bearer …).' : 'Unknown device token: enrol this device again.'));
        }
        request.deviceId = device.deviceId;
      });

      v1.post('/enrol', async (request, reply) => {
        const wait = throttle.waitMs(request.ip);
        if (wait > 0) {
          const seconds = Math.ceil(wait / 1000);
          return reply
            .code(429)
            .header('retry-after', seconds)
            .send(refusal('too_many_attempts', `Too many refused enrolment attempts from this address: try again in ${seconds} s.`, { retryAfterSeconds: seconds }));
        }
        const parsed = enrolRequestSchema.safeParse(request.body);
        if (!parsed.success) {
          throttle.refusal(request.ip);
          return reply.code(400).send(refusal('invalid_request', z.prettifyError(parsed.error)));
        }
        const outcome = await store.enrol(parsed.data, clock.now());
        if (outcome === 'invalid_code' || outcome === 'device_exists') throttle.refusal(request.ip);
        if (outcome === 'invalid_code') return reply.code(403).send(refusal('invalid_enrolment_code', 'The enrolment code is unknown, already used or expired: ask the administrator for a new one.'));
        if (outcome === 'device_exists') return reply.code(409).send(refusal('device_exists', `Device ${parsed.data.deviceId} is already enrolled.`));
        request.log.info({ deviceId: outcome.deviceId }, 'device enrolled');
        return { deviceId: outcome.deviceId, token: outcome.token, protocol: SYNC_PROTOCOL_VERSION };
      });

      v1.post('/push', async (request, reply) => {
        const parsed = pushRequestSchema.safeParse(request.body);
        if (!parsed.success) return reply.code(400).send(refusal('invalid_request', z.prettifyError(parsed.error)));
        const { mutations } = parsed.data;
        const refused = mutations.flatMap((m) => {
          const why = refusalOf(m, request.deviceId, catalogue);
          return why ? [{ mutationId: m.mutationId, status: 'rejected' as const, reason: why.reason, kind: why.kind }] : [];
        });
        if (refused.length > 0) {
          const scope = refused.some((r) => r.kind === 'scope');
          const results = refused.map(({ kind: _kind, ...result }) => result);
          return reply
            .code(scope ? 403 : 400)
            .send(
              refusal(
                scope ? 'out_of_scope' : 'unknown_table_or_field',
                `${refused.length} of ${mutations.length} mutations refused; nothing of this batch was written.`,
                { results },
              ),
            );
        }
        const results = await store.push(request.deviceId, mutations, clock.now());
        request.log.info({ deviceId: request.deviceId, mutations: mutations.length, applied: results.filter((r) => r.status !== 'duplicate').length }, 'push');
        return { results };
      });

      v1.get('/pull', async (request, reply) => {
        const parsed = pullQuerySchema.safeParse(request.query);
        if (!parsed.success) return reply.code(400).send(refusal('invalid_request', z.prettifyError(parsed.error)));
        return store.pull(parsed.data.cursor, parsed.data.limit);
      });

      const blobParams = z.object({ sha256: sha256Schema });
      v1.head('/blobs/:sha256', async (request, reply) => {
        const params = blobParams.safeParse(request.params);
        if (!params.success) return reply.code(400).send();
        const size = await store.blobSize(params.data.sha256);
        return reply
          .code(size === null ? 404 : 200)
          .header('x-ksbb-blob-size', size ?? 0)
          .send();
      });
      v1.get('/blobs/:sha256', async (request, reply) => {
        const params = blobParams.safeParse(request.params);
        if (!params.success) return reply.code(400).send(refusal('invalid_request', z.prettifyError(params.error)));
        const bytes = await store.getBlob(params.data.sha256);
        if (!bytes) return reply.code(404).send(refusal('blob_not_found', `The hub has no blob ${params.data.sha256}.`));
        return reply.type('application/octet-stream').send(bytes);
      });
      v1.put('/blobs/:sha256', { bodyLimit: blobLimit }, async (request, reply) => {
        const params = blobParams.safeParse(request.params);
        if (!params.success) return reply.code(400).send(refusal('invalid_request', z.prettifyError(params.error)));
        if (!Buffer.isBuffer(request.body)) return reply.code(415).send(refusal('unsupported_media_type', 'Send the blob as application/octet-stream.'));
        const actual = createHash('sha256').update(request.body).digest('hex');
        if (actual !== params.data.sha256) {
          return reply.code(400).send(refusal('hash_mismatch', `The bytes hash to ${actual}, not ${params.data.sha256}; nothing was stored.`));
        }
        const created = await store.putBlob(actual, request.body, request.deviceId);
        return reply.code(created ? 201 : 200).send({ sha256: actual, sizeBytes: request.body.length, created });
      });
    },
    { prefix: '/v1' },
  );
  return app;
}
