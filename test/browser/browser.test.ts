import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePolicy, explain, type DecisionResult } from '../../src/index.js';
import {
  buildBundle,
  CHROMIUM,
  CHROMIUM_INSTALL,
  DENIED_FACTS,
  DENIED_OPTIONS,
  dutchReturnPeriodReason,
  nodeCryptoHash,
  nodeReference,
  REFUND,
  type BrowserBundle,
} from './bundle.js';

/**
 * The core in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core)
 * loads the browser bundle as an ES module from a localhost page, defines the refund policy and
 * explains a denied return in Dutch. The result must equal what src/ gives in Node, the policy
 * hash must equal node:crypto's, and the page must log nothing (no error, no warning) and fetch nothing but localhost.
 */

const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(process.env['CI']);
if (!HAVE_CHROMIUM) {
  console.warn(
    `test/browser/browser.test.ts: ${CHROMIUM} is missing, so the headless browser test ${IN_CI ? 'FAILS (CI must run it)' : 'is skipped'}. Install it with: ${CHROMIUM_INSTALL}`,
  );
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A strict policy as a chat widget's host page may set it: no eval, no inline script, no other origin. */
const STRICT_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'";

/** Loads the bundle, runs the request it fetches, and leaves the outcome on `window.__because`. */
const DRIVER = `
import { definePolicy, explain } from './because.browser.js';
const out = document.getElementById('out');
try {
  const request = await (await fetch('./request.json')).json();
  const policy = definePolicy(request.policy);
  const result = await explain(policy, request.facts, request.options);
  out.textContent = result.text;
  window.__because = {
    ok: true,
    hash: policy.hash,
    result,
    globals: { process: typeof process, require: typeof require, Buffer: typeof Buffer },
    evalAllowed: (() => { try { return typeof new Function('return 1') === 'function'; } catch { return false; } })(),
  };
} catch (error) {
  window.__because = { ok: false, error: String(error && error.stack || error) };
}
`;

const PAGE = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>because in a browser</title>
<script type="module" src="./driver.js"></script></head>
<body><p id="out"></p></body></html>`;

interface PageOutcome {
  ok: boolean;
  error?: string;
  hash?: string;
  result?: DecisionResult;
  globals?: Record<string, string>;
  /** Whether the page may evaluate strings as code: false proves the strict CSP was in force. */
  evalAllowed?: boolean;
}

let bundle: BrowserBundle;
let server: Server;
let origin: string;
let browser: Browser;
const requestBody = { current: '' };

/** Serves the page, its driver, the bundle and the request: nothing else, from 127.0.0.1. */
function serve(code: string): Promise<Server> {
  const srv = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const csp = path.startsWith('/strict/') ? { 'content-security-policy': STRICT_CSP } : {};
    const file = path.replace(/^\/strict\//, '/');
    const send = (type: string, body: string) => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', ...csp });
      res.end(body);
    };
    if (file === '/' || file === '/index.html') send('text/html', PAGE);
    else if (file === '/driver.js') send('text/javascript', DRIVER);
    else if (file === '/because.browser.js') send('text/javascript', code);
    else if (file === '/request.json') send('application/json', requestBody.current);
    else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}

interface Visit {
  outcome: PageOutcome;
  text: string;
  problems: string[];
  offsite: string[];
  consoleMessages: { type: string; text: string }[];
}

/** Opens `path` in a fresh page and waits for the driver to finish. */
async function visit(path: string, request: unknown): Promise<Visit> {
  requestBody.current = JSON.stringify(request);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page: Page = await context.newPage();
  const problems: string[] = [];
  const offsite: string[] = [];
  const consoleMessages: { type: string; text: string }[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => consoleMessages.push({ type: message.type(), text: message.text() }));
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  try {
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // Polled from here: page.waitForFunction evaluates its predicate inside the page, which a
    // strict Content-Security-Policy (no 'unsafe-eval') forbids; page.evaluate is not subject to it.
    const deadline = Date.now() + 20_000;
    while ((await page.evaluate('window.__because === undefined')) === true) {
      if (Date.now() > deadline) throw new Error(`${path}: the page never set window.__because`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const outcome = (await page.evaluate('window.__because')) as PageOutcome;
    const text = (await page.textContent('#out')) ?? '';
    return { outcome, text, problems, offsite, consoleMessages };
  } finally {
    await context.close();
  }
}

describe.skipIf(!HAVE_CHROMIUM)('in headless Chromium', () => {
  beforeAll(async () => {
    bundle = await buildBundle();
    server = await serve(bundle.code);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (bundle) rmSync(dirname(bundle.file), { recursive: true, force: true });
  });

  it('explains a denied refund in Dutch, exactly as Node does', async () => {
    const { outcome, text, problems, offsite, consoleMessages } = await visit('/', {
      policy: REFUND,
      facts: DENIED_FACTS,
      options: DENIED_OPTIONS,
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.ok).toBe(true);
    expect(outcome.result?.outcome).toBe('deny');
    expect(outcome.result?.decidedBy).toBe('outside-return-period');
    expect(outcome.result?.locale).toBe('nl');
    expect(outcome.result?.text).toContain('30 dagen');
    expect(outcome.result?.text).toContain(dutchReturnPeriodReason());
    expect(text).toBe(outcome.result?.text);

    // @noble/hashes in the page hashes exactly as node:crypto does.
    expect(outcome.hash).toBe(nodeCryptoHash(REFUND));
    const node = await nodeReference();
    expect(outcome.hash).toBe(node.hash);
    expect(outcome.result).toEqual(JSON.parse(JSON.stringify(node.result)));

    expect(outcome.globals).toEqual({ process: 'undefined', require: 'undefined', Buffer: 'undefined' });
    expect(outcome.evalAllowed).toBe(true);
    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
    expect(consoleMessages).toEqual([]);
  });

  it('asks for missing facts in the page: an unknown return date leaves the decision open', async () => {
    const { daysSincePurchase: _unknown, ...facts } = DENIED_FACTS;
    const { outcome, problems } = await visit('/', { policy: REFUND, facts, options: DENIED_OPTIONS });
    expect(outcome.error).toBeUndefined();
    const node = await explain(definePolicy(REFUND), facts, DENIED_OPTIONS);
    expect(outcome.result?.outcome).toBe(node.outcome);
    expect(outcome.result?.missing.map((m) => m.fact)).toContain('daysSincePurchase');
    expect(outcome.result).toEqual(JSON.parse(JSON.stringify(node)));
    expect(problems).toEqual([]);
  });

  it("runs under a host page's strict Content-Security-Policy (no 'unsafe-eval')", async () => {
    const { outcome, problems, offsite, consoleMessages } = await visit('/strict/', {
      policy: REFUND,
      facts: DENIED_FACTS,
      options: DENIED_OPTIONS,
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.evalAllowed).toBe(false);
    expect(outcome.result?.outcome).toBe('deny');
    expect(outcome.result?.text).toContain(dutchReturnPeriodReason());
    expect(outcome.hash).toBe(nodeCryptoHash(REFUND));
    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
    expect(consoleMessages).toEqual([]);
  });
});

it.runIf(!HAVE_CHROMIUM && IN_CI)('CI has headless Chromium installed', () => {
  expect.fail(`${CHROMIUM} is missing in CI: .ci/run must install it (${CHROMIUM_INSTALL})`);
});

