import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../api/csp';
import type { Result } from '../api/errors';
import { defaultLang, isLang, translator } from '../api/i18n';
import { MAX_DOCUMENT_BASE64_CHARS } from '../api/procedures/agreements';
import { signedInContext } from '../core/auth/session-context';
import type { CallContext, SessionPort, SessionUser } from '../core/context';
import { dispatch, toErrorResult, type DispatchLog } from '../core/dispatch';
import type { Handlers } from '../core/handlers';

export const TOKEN_HEADER = 'x-ksbb-token';
export const LANG_HEADER = 'x-ksbb-lang';
/**
 * The session cookie: HttpOnly (the page's scripts never see it), SameSite=Strict and only for
 * the API. Each browser signs in on its own; the token in the address only proves it was given
 * the address `ksbb serve` printed.
 */
export const SESSION_COOKIE = 'ksbb-session';
/**
 * The largest request body: a 50 MiB document (PKS scan) as base64 inside JSON, with 1 MiB to
 * spare for the rest of the call. Anything larger is refused before it is parsed.
 */
const MAX_BODY_BYTES = MAX_DOCUMENT_BASE64_CHARS + 1024 * 1024;

/** The renderer's policy (the page's meta tag), sent as a header too. */
export { CONTENT_SECURITY_POLICY };

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface WebHostOptions {
  handlers: Handlers;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  port?: number;
  actor: string;
  log: DispatchLog;
  /** The signed-in account of a session token (core `resolveSession`); throws when it has ended. */
  resolveSession: (token: string) => SessionUser;
  /** Fixed only by tests; otherwise 32 random bytes per start. */
  token?: string;
}

export interface WebHost {
  url: string;
  token: string;
  /** The address to open: the token travels in the fragment, which browsers never send to a server. */
  openUrl: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function tokenMatches(expected: Buffer, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sessionCookieOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value && /^[0-9a-f]{64}$/.test(value)) return value;
  }
  return null;
}

const sessionCookie = (token: string | null) =>
  token === null
    ? `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/api; Max-Age=0`
    : `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/api`;

function statusOf(result: Result<unknown>): number {
  if (result.ok) return 200;
  switch (result.error.code) {
    case 'invalid_input':
      return 400;
    case 'sign_in_required':
    case 'session_expired':
      return 401;
    case 'role_required':
    case 'program_out_of_scope':
      return 403;
    case 'unknown_procedure':
    case 'not_found':
      return 404;
    case 'internal':
      return 500;
    default:
      return 422;
  }
}

/**
 * A loopback-only HTTP host: serves the built renderer and `POST /api/<procedure>` over the same
 * handler table Electron's IPC uses. Every API call needs the per-start token; requests whose
 * Host is not this loopback address are refused, so another web page (or a DNS-rebinding one)
 * cannot call it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const expected = Buffer.from(token);
  let allowedHosts = new Set<string>();

  const serveApi = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    const lang = isLang(req.headers[LANG_HEADER]) ? req.headers[LANG_HEADER] : defaultLang;
    const t = translator(lang);
    if (!tokenMatches(expected, req.headers[TOKEN_HEADER])) {
      send(res, 403, { ok: false, error: { code: 'forbidden', message: t('errors.forbidden') } });
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'POST only' } });
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      send(res, 413, { ok: false, error: { code: 'invalid_input', message: t('errors.invalid_input', { issues: `body over ${MAX_BODY_BYTES} bytes` }) } });
      return;
    }
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      send(res, 400, { ok: false, error: { code: 'invalid_input', message: t('errors.invalid_input', { issues: `JSON: ${(error as Error).message}` }) } });
      return;
    }
    const procedure = decodeURIComponent(name);
    const session: SessionPort = {
      token: sessionCookieOf(req),
      begin: (started) => res.setHeader('set-cookie', sessionCookie(started)),
      end: () => res.setHeader('set-cookie', sessionCookie(null)),
    };
    let ctx: CallContext;
    try {
      ctx = signedInContext(procedure, { actor: options.actor, lang }, session, options.resolveSession);
    } catch (error) {
      const refused = toErrorResult(error, { actor: options.actor, lang }, options.log);
      send(res, statusOf(refused), refused);
      return;
    }
    const result = await dispatch(options.handlers, procedure, input, ctx, options.log);
    send(res, statusOf(result), result);
  };

  const serveStatic = async (res: ServerResponse, pathname: string) => {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    const file = join(options.rendererDir, relative);
    if (!file.startsWith(options.rendererDir + sep) && file !== options.rendererDir) {
      res.writeHead(404).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    // Unknown paths get the app itself; the renderer routes in the URL fragment.
    const target = info?.isFile() ? file : join(options.rendererDir, 'index.html');
    const body = await readFile(target);
    res.writeHead(200, {
      'content-type': contentTypes[extname(target)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(body);
  };

  const server: Server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      send(res, 421, { ok: false, error: { code: 'forbidden', message: `host ${host} not served here` } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    try {
      decodeURIComponent(url.pathname);
    } catch {
      send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'malformed URL encoding' } });
      return;
    }
    const api = /^\/api\/([^/]+)$/.exec(url.pathname);
    const work = api?.[1] ? serveApi(req, res, api[1]) : req.method === 'GET' ? serveStatic(res, url.pathname) : Promise.resolve(res.writeHead(405).end());
    work.catch((error: unknown) => {
      options.log.error('web host request failed', error);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: String(error) } });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    token,
    openUrl: `${url}#token=${token}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
