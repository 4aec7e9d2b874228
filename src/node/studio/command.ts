import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicyFile } from '../cli/explain.js';
import { EXIT, parse, UsageError, type Io } from '../cli/shared.js';
import { startStudioServer, type StudioServer, type StudioServerOptions } from './server.js';

/** @internal */
export const STUDIO_HELP = `Usage: because studio POLICY… [options]
       because studio --export DIR POLICY…

Opens a workbench for the policies in your browser: a form from the declared facts, the live
result (outcome, customer text, reasons, counterfactuals, missing facts), the trace as a tree,
the same case in every locale side by side, the policy's editor and its tests file (POLICY's
.tests.json, created when you add a first case). Everything is evaluated in the page.
The server listens on 127.0.0.1 only and needs the token in the URL it prints.

With --export, writes a static read-only site of the policies to DIR instead (index.html,
studio.js, studio.css): it works from file:// and from any static host.

Options:
  --port N        listen on port N (default: 7357 when free, else any free port; 0: any)
  --no-open       do not open a browser
  --export DIR    write a static site to DIR and exit
  -h, --help      show this help

Example:
  because studio rules-examples/refund.json`;

/**
 * Where the built page is: dist/studio beside the bundled CLI, or, when running from src/ (tsx),
 * the package's dist/studio.
 * @internal
 */
export function studioAssets(): string | undefined {
  const here = typeof import.meta.url === 'string' ? dirname(fileURLToPath(import.meta.url)) : typeof __dirname === 'string' ? __dirname : process.cwd();
  for (const candidate of [join(here, 'studio'), join(here, '..', '..', '..', 'dist', 'studio')]) {
    if (existsSync(join(candidate, 'studio.js'))) return candidate;
  }
  return undefined;
}

/** The `<script type="application/json">` an exported page reads its policies from; `<` escaped, so no text closes it. @internal */
export function dataBlock(policies: readonly { name: string; text: string }[]): string {
  const json = JSON.stringify({ policies }).replace(/</g, '\\u003c');
  return `<script type="application/json" id="because-data">${json}</script>`;
}

/**
 * Writes the static site of `files` (valid policies only) into `dir`: index.html with the
 * policies as data, studio.js (the page without the editor) and studio.css.
 * @internal
 */
export async function exportSite(dir: string, files: readonly { name: string; text: string }[], assets: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const html = await readFile(join(assets, 'index.html'), 'utf8');
  if (!html.includes('<!--because-data-->')) throw new Error(`${join(assets, 'index.html')} has no <!--because-data--> marker`);
  await writeFile(join(dir, 'index.html'), html.replace('<!--because-data-->', () => dataBlock(files)), 'utf8');
  // The site's script has no editor: site.js takes the place of the studio's.
  await copyFile(join(assets, 'site.js'), join(dir, 'studio.js'));
  await copyFile(join(assets, 'studio.css'), join(dir, 'studio.css'));
}

/**
 * The port the studio tries first: the same port each time keeps the page's origin, so a draft
 * kept in the browser is still there after a restart. Taken by another program, any free port.
 */
const DEFAULT_PORT = 7357;

async function listen(options: Omit<StudioServerOptions, 'port'>, port: number | undefined): Promise<StudioServer> {
  if (port !== undefined) return startStudioServer({ ...options, port });
  try {
    return await startStudioServer({ ...options, port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startStudioServer({ ...options, port: 0 });
  }
}

/** Opens `url` in the system's browser; a failure only means the user opens it by hand. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // the URL is printed
  }
}

/**
 * `because studio`: starts the server (and resolves once it listens, leaving it running) or,
 * with `--export`, writes the static site. `started` receives the running server (tests close it).
 * @internal
 */
export async function runStudio(args: string[], io: Io, started?: (server: StudioServer) => void): Promise<number> {
  const { values, positionals } = parse('studio', args, { port: { type: 'string' }, 'no-open': { type: 'boolean' }, export: { type: 'string' } });
  if (values.help === true) {
    io.out.write(`${STUDIO_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('studio needs at least one POLICY file', 'studio');
  const tests = positionals.filter((f) => f.endsWith('.tests.json'));
  if (tests.length > 0) throw new UsageError(`give the policy, not its tests file (${tests.join(', ')}): the studio opens the tests file beside it`, 'studio');
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port is a port number (0–65535), not "${values.port}"`, 'studio');
  }
  const assets = (): string => {
    const found = studioAssets();
    if (found === undefined) throw new UsageError('the studio page is not built: run "npm run build"', 'studio');
    return found;
  };

  if (values.export !== undefined) {
    const loaded = await Promise.all(positionals.map((file) => loadPolicyFile(file, 'studio', io)));
    if (loaded.some((l) => l === undefined)) return EXIT.failed;
    const files = loaded.flatMap((l) => (l === undefined ? [] : [{ name: basename(l.source.file), text: l.source.text }]));
    await exportSite(values.export, files, assets());
    io.out.write(`Wrote ${resolve(values.export, 'index.html')} (${files.length} ${files.length === 1 ? 'policy' : 'policies'})\n`);
    return EXIT.ok;
  }

  for (const file of positionals) if (!existsSync(file)) throw new UsageError(`cannot read ${file}: no such file`, 'studio');
  const server = await listen({ policies: positionals, assets: assets() }, port);
  const shown = server.files.filter((f) => f.kind === 'policy' || existsSync(f.absolute));
  io.out.write(`because studio: ${shown.map((f) => f.name).join(', ')}\nOpen ${server.url}\nPress Ctrl+C to stop.\n`);
  if (values['no-open'] !== true && io.env['CI'] === undefined) openBrowser(server.url);
  started?.(server);
  return EXIT.ok;
}
