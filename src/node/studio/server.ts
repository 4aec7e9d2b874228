import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join, relative, resolve } from 'node:path';

/**
 * The local server of `because studio`: the page, and the policy files it was started with.
 *
 * What keeps it from becoming a way into the author's disk:
 * - it listens on 127.0.0.1 only;
 * - every request carries a random token (in the printed URL's `?token=`, then in an HttpOnly,
 *   SameSite=Strict cookie, or in an `X-Because-Token` header);
 * - a request whose `Host` or `Origin` is not this server's own is refused (DNS rebinding);
 * - it reads and writes only the files it was given (and their `.tests.json` siblings found at
 *   start), by the names it lists: any other name is 404;
 * - a save is valid JSON, made atomically (a temporary file in the same folder, then a rename),
 *   and only over the version the page loaded (`If-Match` with the hash it was given; 409 when
 *   the file changed on disk since);
 * - its pages carry a strict Content-Security-Policy: scripts and styles from itself only.
 */

/** One file the studio may read and write. @internal */
export interface StudioFile {
  /** The name the page uses: the path as given, relative to the working folder. */
  readonly name: string;
  /** `policy`, or the `tests` of the policy before it. */
  readonly kind: 'policy' | 'tests';
  /** The absolute path on disk. */
  readonly absolute: string;
  /** For a tests file: the name of its policy. */
  readonly policy?: string;
}

/** Options of {@link startStudioServer}. @internal */
export interface StudioServerOptions {
  /** Policy files (their `.tests.json` siblings are added when they exist). */
  readonly policies: readonly string[];
  /** The folder holding index.html, studio.js and studio.css (built by scripts/build-studio.mjs). */
  readonly assets: string;
  /** 0 (the default) lets the system pick a free port. */
  readonly port?: number;
  /** The token; random (32 bytes, base64url) when absent. */
  readonly token?: string;
  /** Where relative names are taken from; `process.cwd()` by default. */
  readonly cwd?: string;
}

/** A running studio server. @internal */
export interface StudioServer {
  /** The URL to open, with the token. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly files: readonly StudioFile[];
  close(): Promise<void>;
}

/** The most a save may weigh. */
const MAX_BODY = 8 * 1024 * 1024;

/** The page's assets: name → content type. Nothing else under / is served. */
const ASSETS: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'studio.js': 'text/javascript; charset=utf-8',
  'studio.css': 'text/css; charset=utf-8',
};

/** Scripts, styles, fetches: this server only; nothing inline, no eval, no frames, no forms. */
export const STUDIO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The hash a page echoes back in `If-Match`: sha-256 of the bytes, hex. @internal */
export function versionOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The files of the studio: each policy, then its tests file (`<name>.tests.json` beside it),
 * which need not exist yet: the page creates it when a first case is added.
 * @internal
 */
export function studioFiles(policies: readonly string[], cwd: string): StudioFile[] {
  const files: StudioFile[] = [];
  const seen = new Set<string>();
  const nameOf = (absolute: string): string => relative(cwd, absolute).split('\\').join('/');
  for (const policy of policies) {
    const absolute = resolve(cwd, policy);
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    files.push({ name: nameOf(absolute), kind: 'policy', absolute });
    const tests = absolute.replace(/\.json$/i, '') + '.tests.json';
    if (tests === absolute || seen.has(tests)) continue;
    seen.add(tests);
    files.push({ name: nameOf(tests), kind: 'tests', absolute: tests, policy: nameOf(absolute) });
  }
  return files;
}

/** Atomically replaces `file` with `text`: a temporary file beside it, then a rename. @internal */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await stat(file)).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    await writeFile(temp, text, mode === undefined ? { encoding: 'utf8', flag: 'wx' } : { encoding: 'utf8', flag: 'wx', mode });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': STUDIO_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...headers,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', headers);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Starts the studio server on 127.0.0.1. Resolves once it listens.
 * @internal
 */
export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const cwd = options.cwd ?? process.cwd();
  const token = options.token ?? randomBytes(32).toString('base64url');
  const files = studioFiles(options.policies, cwd);
  const byName = new Map(files.map((f) => [f.name, f]));
  let origins: ReadonlySet<string> = new Set();
  let hosts: ReadonlySet<string> = new Set();
  let cookieName = 'because_studio';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // DNS rebinding: a page of another site that resolves its name to 127.0.0.1 sends its own Host.
    if (!hosts.has(req.headers.host ?? '')) return send(res, 403, 'Forbidden: not this server’s host');
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) return send(res, 403, 'Forbidden: foreign origin');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const fromQuery = url.searchParams.get('token') ?? undefined;
    const fromHeader = req.headers['x-because-token'];
    const fromCookie = cookieValue(req.headers.cookie, cookieName);
    const given = fromQuery ?? (typeof fromHeader === 'string' ? fromHeader : undefined) ?? fromCookie;
    if (!sameSecret(given, token)) return send(res, 403, 'Forbidden: open the URL "because studio" printed (it carries the token)');
    const setCookie = fromCookie === token ? {} : { 'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/` };

    if (url.pathname === '/api/files') {
      if (req.method !== 'GET') return send(res, 405, 'Method not allowed', undefined, { Allow: 'GET' });
      return sendJson(res, 200, { files: files.map(({ name, kind, policy, absolute }) => ({ name, kind, ...(policy === undefined ? {} : { policy, exists: existsSync(absolute) }) })) }, setCookie);
    }
    if (url.pathname === '/api/file') {
      const file = byName.get(url.searchParams.get('name') ?? '');
      if (file === undefined) return send(res, 404, 'Not found: the studio serves only the files it was started with');
      if (req.method === 'GET') {
        let bytes: Buffer;
        try {
          bytes = await readFile(file.absolute);
        } catch {
          return send(res, 404, `Not found: ${file.name} cannot be read`);
        }
        const version = versionOf(bytes);
        return sendJson(res, 200, { name: file.name, kind: file.kind, text: bytes.toString('utf8'), version }, { ...setCookie, ETag: `"${version}"` });
      }
      if (req.method === 'PUT') {
        // If-Match: the version the page loaded; If-None-Match: * creates a file that does not exist yet.
        const ifMatch = req.headers['if-match']?.replace(/^"|"$/g, '');
        const create = req.headers['if-none-match'] === '*';
        if ((ifMatch === undefined || ifMatch === '') && !create) return send(res, 428, 'Precondition required: send If-Match with the version you loaded (or If-None-Match: * to create the file)');
        const body = await readBody(req);
        if (body === undefined) return send(res, 413, 'Too large');
        const text = body.toString('utf8');
        try {
          JSON.parse(text);
        } catch (error) {
          return sendJson(res, 400, { error: 'invalid_json', message: `Not saved: the text is not valid JSON (${(error as Error).message})` });
        }
        let current: string | undefined;
        try {
          current = versionOf(await readFile(file.absolute));
        } catch {
          current = undefined;
        }
        if (create ? current !== undefined : current !== ifMatch) {
          return sendJson(res, 409, { error: 'changed_on_disk', message: `Not saved: ${file.name} changed on disk since it was loaded`, version: current ?? null });
        }
        await writeAtomically(file.absolute, text);
        const version = versionOf(text);
        return sendJson(res, 200, { name: file.name, version }, { ETag: `"${version}"` });
      }
      return send(res, 405, 'Method not allowed', undefined, { Allow: 'GET, PUT' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', undefined, { Allow: 'GET' });
    const asset = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    const type = ASSETS[asset];
    if (type === undefined) return send(res, 404, 'Not found');
    let bytes: Buffer;
    try {
      bytes = await readFile(join(options.assets, asset));
    } catch {
      return send(res, 500, `The studio's page is missing (${asset}): run "npm run build"`);
    }
    return send(res, 200, bytes, type, setCookie);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const { port } = server.address() as AddressInfo;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  cookieName = `because_studio_${port}`;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    files,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}
