// Runs the browser bundle the way an edge runtime (a Worker, Deno Deploy, Cloudflare Workers,
// Vercel Edge) would: as an ES module in a fresh realm with web globals only, no `process`,
// `require`, `Buffer`, `global` or `setImmediate`. Started by edge.test.ts as
//
//   node --experimental-vm-modules test/browser/edge-runner.mjs <bundle.js>  < request.json
//
// The request is { policy, facts, options }; stdout gets one JSON line:
// { ok, hash?, result?, error?, imports, probe, console }.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const bundleFile = process.argv[2];
if (!bundleFile) {
  console.error('usage: edge-runner.mjs <bundle.js> < request.json');
  process.exit(2);
}
const request = readFileSync(0, 'utf8');

const messages = [];
const record = (level) => (...args) => {
  messages.push({ level, text: args.map((arg) => (typeof arg === 'string' ? arg : String(arg))).join(' ') });
};
const webConsole = Object.fromEntries(['log', 'info', 'debug', 'warn', 'error', 'trace'].map((level) => [level, record(level)]));

// The globals every web-standard runtime has (WinterCG's minimum common API, less fetch & co.).
const sandbox = {
  console: webConsole,
  TextEncoder,
  TextDecoder,
  URL,
  URLSearchParams,
  atob,
  btoa,
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
  queueMicrotask,
  structuredClone,
  crypto: globalThis.crypto,
  AbortController,
  AbortSignal,
  Event,
  EventTarget,
  __request: request,
};
const context = vm.createContext(sandbox, { name: 'edge' });
vm.runInContext('globalThis.self = globalThis;', context);

const bundle = new vm.SourceTextModule(readFileSync(bundleFile, 'utf8'), { context, identifier: 'because.browser.js' });
const driver = new vm.SourceTextModule(
  `
  import { definePolicy, explain } from 'because';
  const probe = Object.fromEntries(
    ['process', 'require', 'Buffer', 'global', 'setImmediate', 'module', 'exports', '__dirname']
      .map((name) => [name, typeof globalThis[name]]),
  );
  globalThis.__probe = JSON.stringify(probe);
  const { policy: document, facts, options } = JSON.parse(globalThis.__request);
  const policy = definePolicy(document);
  const result = await explain(policy, facts, options);
  globalThis.__out = JSON.stringify({ hash: policy.hash, result });
  `,
  { context, identifier: 'driver.mjs' },
);

const out = { ok: false, imports: bundle.dependencySpecifiers, console: messages };
try {
  await bundle.link(() => {
    throw new Error('the bundle imports a module; an edge runtime has none to give it');
  });
  await driver.link((specifier) => {
    if (specifier === 'because') return bundle;
    throw new Error(`the driver imports ${specifier}`);
  });
  await driver.evaluate();
  Object.assign(out, { ok: true }, JSON.parse(vm.runInContext('globalThis.__out', context)));
} catch (error) {
  out.error = error instanceof Error || (error && typeof error === 'object' && 'stack' in error) ? String(error.stack) : String(error);
}
const probe = vm.runInContext('globalThis.__probe', context);
out.probe = probe ? JSON.parse(probe) : null;
process.stdout.write(`${JSON.stringify(out)}\n`);
