import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/node/cli.js';
import { dataBlock, runStudio, STUDIO_HELP, studioAssets } from '../../src/node/studio/command.js';
import type { StudioServer } from '../../src/node/studio/server.js';

/** `because studio` from the command line: its usage, its export, and the server it starts. */

const REFUND = 'rules-examples/refund.json';
const dir = mkdtempSync(join(tmpdir(), 'because-studio-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) }, env: { NO_COLOR: '1', CI: '1' } } };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { out, err, io: streams } = io();
  const code = await main(args, streams.out, streams.err, streams.env);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('because studio: usage', () => {
  it('has help, and is in the command list', async () => {
    expect(await run(['help', 'studio'])).toMatchObject({ code: 0, stdout: `${STUDIO_HELP}\n` });
    expect((await run(['studio', '--help'])).stdout).toContain('--export DIR');
    expect((await run(['--help'])).stdout).toMatch(/studio POLICY…/);
  });

  it.each([
    [[], /needs at least one POLICY/],
    [['rules-examples/refund.tests.json'], /give the policy, not its tests file/],
    [['--port', 'eighty', REFUND], /--port is a port number/],
    [['--port', '70000', REFUND], /--port is a port number/],
    [['--frob', REFUND], /Unknown option '--frob'/],
    [['no/such/policy.json'], /cannot read no\/such\/policy.json: no such file/],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const r = await run(['studio', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--export refuses an invalid policy with its issues at their place, and writes nothing', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "id": "x"\n}\n');
    const out = join(dir, 'not-written');
    const r = await run(['studio', '--export', out, bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json:\d+:\d+: /);
    expect(() => readFileSync(join(out, 'index.html'))).toThrow();
  });
});

describe('the data block of an exported page', () => {
  it('holds the policies as JSON that no text of a policy can close or comment out', () => {
    const text = '{"title":"</script><script>alert(1)</script><!--"}';
    const block = dataBlock([{ name: 'p.json', text }]);
    const inner = block.slice(block.indexOf('>') + 1, block.lastIndexOf('</script>'));
    expect(inner).not.toMatch(/<\/?script|<!--/i);
    expect(JSON.parse(inner)).toEqual({ policies: [{ name: 'p.json', text }] });
  });
});

const BUILT = studioAssets() !== undefined;
if (!BUILT) console.warn('test/studio/command.test.ts: dist/studio is not built ("npm run build"), so the tests of the running command are skipped');

describe.skipIf(!BUILT)('because studio: running (needs npm run build)', () => {
  it('prints a URL on 127.0.0.1 with the token, which opens the page', async () => {
    const { out, io: streams } = io();
    let server: StudioServer | undefined;
    const code = await runStudio([REFUND, '--no-open', '--port', '0'], streams, (s) => (server = s));
    try {
      expect(code).toBe(0);
      const url = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out.join(''))?.[1];
      expect(url).toBe(server?.url);
      expect((await fetch(url ?? '')).status).toBe(200);
      expect((await fetch(url?.replace(/\?token=.*/, '') ?? '')).status).toBe(403);
    } finally {
      await server?.close();
    }
  });

  it('--export writes index.html with the policy as data, the script and the styles', async () => {
    const out = join(dir, 'site');
    const r = await run(['studio', '--export', out, REFUND]);
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const json = /<script type="application\/json" id="because-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual({ policies: [{ name: 'refund.json', text: readFileSync(REFUND, 'utf8') }] });
    expect(html).toContain('<script src="studio.js" defer></script>');
    // The site's script is the one without the editor.
    expect(readFileSync(join(out, 'studio.js'))).toEqual(readFileSync(join(studioAssets() ?? '', 'site.js')));
    expect(readFileSync(join(out, 'studio.css')).length).toBeGreaterThan(0);
  });
});
