import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStudioServer, versionOf, type StudioServer } from '../../src/node/studio/server.js';

/**
 * The studio server's guards, over real HTTP: the token, Host and Origin (DNS rebinding), the
 * files it was started with and nothing else, and saves that are valid JSON, atomic, and never
 * over a change made on disk since the page loaded the file.
 */

const REFUND = new URL('../../rules-examples/refund.json', import.meta.url);
let dir: string;
let assets: string;
let server: StudioServer;
let port: number;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so Host and Origin can be anything (fetch would not let a test forge Host). */
function send(path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const withToken = (path: string): string => `${path}${path.includes('?') ? '&' : '?'}token=${server.token}`;
const policyPath = (): string => join(dir, 'refund.json');
const fileUrl = withToken.bind(null, '/api/file?name=refund.json');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'because-studio-'));
  assets = join(dir, 'assets');
  writeFileSync(join(dir, 'secret.json'), '{"secret":true}');
  mkdirSync(assets);
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(assets, 'studio.js'), '/* page */');
  writeFileSync(join(assets, 'studio.css'), '/* css */');
  copyFileSync(REFUND, policyPath());
  server = await startStudioServer({ policies: [policyPath()], assets, cwd: dir });
  port = Number(new URL(server.origin).port);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  copyFileSync(REFUND, policyPath());
});

describe('studio server: who may ask', () => {
  it('listens on 127.0.0.1 and prints a URL with a long random token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['no token', '/'],
    ['no token, API', '/api/files'],
    ['a wrong token', '/api/files?token=nope'],
    ['a token one character short', () => `/api/files?token=${server.token.slice(0, -1)}`],
  ])('refuses %s with 403', async (_name, path) => {
    const reply = await send(typeof path === 'function' ? path() : path);
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('"files"');
  });

  it('accepts the token in the query, then as the cookie it sets (HttpOnly, SameSite=Strict), or in a header', async () => {
    const first = await send(withToken('/'));
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(server.token);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0] ?? '';
    expect((await send('/api/files', { headers: { Cookie: pair } })).status).toBe(200);
    expect((await send('/api/files', { headers: { 'X-Because-Token': server.token } })).status).toBe(200);
  });

  it.each([
    ['a foreign Host (DNS rebinding)', { Host: 'attacker.example:80' }],
    ['a foreign Host on the right port', { Host: `attacker.example:${'PORT'}` }],
    ['a foreign Origin', { Origin: 'https://attacker.example' }],
    ['an Origin on another port', { Origin: 'http://127.0.0.1:1' }],
    ['the null Origin', { Origin: 'null' }],
  ])('refuses %s with 403, even with the token', async (_name, headers) => {
    const fixed = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(port))]));
    const reply = await send(withToken('/api/files'), { headers: fixed });
    expect(reply.status).toBe(403);
  });

  it('accepts its own Origin and localhost as Host', async () => {
    expect((await send(withToken('/api/files'), { headers: { Origin: server.origin } })).status).toBe(200);
    expect((await send(withToken('/api/files'), { headers: { Host: `localhost:${port}` } })).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy: no inline script, no eval, nothing from elsewhere', async () => {
    const csp = String((await send(withToken('/'))).headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('studio server: which files', () => {
  it('lists the policy and its tests file beside it, which need not exist yet (and no file it was not given)', async () => {
    const reply = await send(withToken('/api/files'));
    expect(JSON.parse(reply.body)).toEqual({
      files: [
        { name: 'refund.json', kind: 'policy' },
        { name: 'refund.tests.json', kind: 'tests', policy: 'refund.json', exists: false },
      ],
    });
    expect((await send(withToken('/api/file?name=refund.tests.json'))).status).toBe(404);
  });

  it('serves the policy with its version', async () => {
    const reply = await send(fileUrl());
    expect(reply.status).toBe(200);
    const got = JSON.parse(reply.body) as { text: string; version: string };
    expect(got.text).toBe(readFileSync(policyPath(), 'utf8'));
    expect(got.version).toBe(versionOf(readFileSync(policyPath())));
  });

  it.each(['secret.json', '../secret.json', `${'..%2F'.repeat(6)}etc%2Fpasswd`, '/etc/passwd', 'assets/index.html', '', 'refund.json%00'])(
    'answers 404 for a file it was not started with: %s',
    async (name) => {
      const reply = await send(withToken(`/api/file?name=${name}`));
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('secret');
    },
  );

  it.each(['/secret.json', '/../secret.json', '/assets/index.html', '/%2e%2e/secret.json', '/studio.js.map'])('serves no other path: %s', async (path) => {
    expect((await send(withToken(path))).status).toBe(404);
  });

  it('serves the page’s three assets', async () => {
    for (const [path, type] of [['/', 'text/html'], ['/studio.js', 'text/javascript'], ['/studio.css', 'text/css']] as const) {
      const reply = await send(withToken(path));
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toContain(type);
    }
  });
});

describe('studio server: saving', () => {
  const put = (text: string, version: string | undefined): Promise<Reply> =>
    send(fileUrl(), { method: 'PUT', headers: version === undefined ? {} : { 'If-Match': `"${version}"` }, body: text });

  it('saves valid JSON over the version it was loaded as, and answers the new version', async () => {
    const { version } = JSON.parse((await send(fileUrl())).body) as { version: string };
    const text = readFileSync(policyPath(), 'utf8').replace('"version": "2026.1"', '"version": "2026.2"');
    const reply = await put(text, version);
    expect(reply.status).toBe(200);
    expect(readFileSync(policyPath(), 'utf8')).toBe(text);
    expect(JSON.parse(reply.body)).toMatchObject({ version: versionOf(text) });
  });

  it('leaves no temporary file behind', async () => {
    const { version } = JSON.parse((await send(fileUrl())).body) as { version: string };
    expect((await put('{"id":"x"}', version)).status).toBe(200);
    expect(readdirSync(dir).sort()).toEqual(['assets', 'refund.json', 'secret.json']);
  });

  it.each(['{"id": ', 'not json', '', '{"a":1}{"b":2}'])('refuses invalid JSON with 400 and leaves the file as it was: %j', async (text) => {
    const before = readFileSync(policyPath(), 'utf8');
    const reply = await put(text, versionOf(before));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ error: 'invalid_json' });
    expect(readFileSync(policyPath(), 'utf8')).toBe(before);
  });

  it('refuses with 409 when the file changed on disk since it was loaded, and keeps the change', async () => {
    const { version } = JSON.parse((await send(fileUrl())).body) as { version: string };
    const theirs = readFileSync(policyPath(), 'utf8').replace('Refunds', 'Refunds (edited elsewhere)');
    writeFileSync(policyPath(), theirs);
    const reply = await put('{"mine":true}', version);
    expect(reply.status).toBe(409);
    expect(JSON.parse(reply.body)).toMatchObject({ error: 'changed_on_disk', version: versionOf(theirs) });
    expect(readFileSync(policyPath(), 'utf8')).toBe(theirs);
  });

  it('needs If-Match (428) and the token (403) to save', async () => {
    expect((await put('{}', undefined)).status).toBe(428);
    const reply = await send('/api/file?name=refund.json', { method: 'PUT', headers: { 'If-Match': versionOf(readFileSync(policyPath())) }, body: '{}' });
    expect(reply.status).toBe(403);
    expect(readFileSync(policyPath(), 'utf8')).toBe(readFileSync(REFUND, 'utf8'));
  });

  it('creates the tests file with If-None-Match: *, only while it does not exist', async () => {
    const tests = join(dir, 'refund.tests.json');
    const url = withToken('/api/file?name=refund.tests.json');
    try {
      const created = await send(url, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: '{"cases":[]}' });
      expect(created.status).toBe(200);
      expect(readFileSync(tests, 'utf8')).toBe('{"cases":[]}');
      expect(JSON.parse((await send(withToken('/api/files'))).body).files[1]).toMatchObject({ exists: true });
      // A second creation would overwrite it: refused as a change on disk.
      const again = await send(url, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: '{"cases":[{}]}' });
      expect(again.status).toBe(409);
      expect(readFileSync(tests, 'utf8')).toBe('{"cases":[]}');
    } finally {
      rmSync(tests, { force: true });
    }
  });

  it('does not save a file it was not started with', async () => {
    const reply = await send(withToken('/api/file?name=secret.json'), { method: 'PUT', headers: { 'If-Match': versionOf('{"secret":true}') }, body: '{}' });
    expect(reply.status).toBe(404);
    expect(readFileSync(join(dir, 'secret.json'), 'utf8')).toBe('{"secret":true}');
  });
});
