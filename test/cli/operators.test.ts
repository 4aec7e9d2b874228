import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/node/cli.js';

/** `--operators FILE` on every command that reads a policy (issue 14), run in process. */

const policy = 'test/cli/fixtures/vouchers.json';
const operators = 'test/cli/fixtures/operators.mjs';

function sink() {
  let text = '';
  return { write: (chunk: string) => ((text += chunk), true), get text() { return text; } };
}

async function because(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = sink();
  const err = sink();
  const code = await main(args, out, err, { NO_COLOR: '1' });
  return { code, stdout: out.text, stderr: err.text };
}

describe('--operators', () => {
  it('validate: without the operators the policy names the option; with them it is ok', async () => {
    const without = await because(['validate', policy]);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/vouchers\.json:\d+:\d+: rules\[0\]\.conditions\.all\[0\]\.operator: "startsWith" is not an operator\. A custom operator .* --operators \.\/operators\.mjs\./);
    expect(await because(['validate', policy, '--operators', operators])).toEqual({ code: 0, stdout: `${policy}: ok\n`, stderr: '' });
  });

  it('explain: phrases and decides with the module\'s operators', async () => {
    const r = await because(['explain', policy, '--operators', operators, '--facts', '{"code":"WINTER-1","bought":"2026-03-02"}', '--why-not', 'approve', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { outcome: string; whyNot: { blockers: { text: string }[] } };
    expect(result.outcome).toBe('deny');
    expect(result.whyNot.blockers.map((b) => b.text)).toContain('Your request can be approved if the voucher code (WINTER-1) starts with SPRING.');
  });

  it('explain: an operator that throws is reported against the module, exit 1', async () => {
    const r = await because(['explain', policy, '--operators', 'test/cli/fixtures/throwing-operators.mjs', '--facts', '{"code":"X","bought":"2026-03-02"}']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('--operators test/cli/fixtures/throwing-operators.mjs: operators.startsWith: The custom operator "startsWith" threw: prefix table not loaded. An operator answers true or false for every value of its types. (operator_threw)\n');
  });

  it('a module with invalid operators is bad usage naming each problem; a missing module too', async () => {
    const bad = await because(['lint', policy, '--operators', 'test/cli/fixtures/bad-operators.mjs']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('operators.equal: "equal" is one of json-rules-engine\'s own operators; a custom operator takes a name of its own. (shadows_built_in)');
    expect(bad.stderr).toContain('operators.startsWith.factTypes: factTypes is a non-empty list of');
    const missing = await because(['test', policy, '--operators', 'test/cli/fixtures/nowhere.mjs']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--operators test\/cli\/fixtures\/nowhere\.mjs:\n {2}Cannot load the operators module test\/cli\/fixtures\/nowhere\.mjs: .* \(unreadable_operators\)/);
  });

  it('lint: says where it cannot see into an operator', async () => {
    const r = await because(['lint', policy, '--operators', operators, '--json']);
    expect(r.code).toBe(0);
    const findings = JSON.parse(r.stdout) as { code: string; path: string; line: number }[];
    expect(findings.filter((f) => f.code === 'opaque_operator')).toEqual([expect.objectContaining({ path: 'rules[1].conditions.all[0].operator', line: 27 })]);
  });

  it('test: runs the cases with the operators and measures coverage', async () => {
    const r = await because(['test', 'test/cli/fixtures/vouchers.tests.json', '--operators', operators, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { passed: number; failed: number; coverage: { rules: { percent: number } } };
    expect(report).toMatchObject({ passed: 3, failed: 0, coverage: { rules: { percent: 100 } } });
  });
});

describe('replay --operators', () => {
  it('replays policies with custom operators in this thread, whatever --workers says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'because-operators-'));
    const changed = join(dir, 'vouchers-new.json');
    // The new version accepts a shorter prefix: "SPRIG-1" changes from deny to approve.
    writeFileSync(changed, readFileSync(policy, 'utf8').replace('"value": "SPRING"', '"value": "SPR"'));
    const cases = join(dir, 'cases.jsonl');
    writeFileSync(cases, ['{"code":"SPRING-1","bought":"2026-03-02"}', '{"code":"SPRIG-1","bought":"2026-03-02"}', '{"code":"X","bought":"2026-03-02"}'].join('\n'));
    const r = await because(['replay', policy, changed, cases, '--operators', operators, '--workers', '2', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ cases: 3, changed: 1, workers: 0 });
  });
});

describe('mcp --operators', () => {
  it('refuses the policy without its operators, and serves it with them', async () => {
    const without = await because(['mcp', policy]);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/"startsWith" is not an operator\. A custom operator .* --operators/);

    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'src/node/cli.ts', 'mcp', policy, '--operators', operators],
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new Client({ name: 'operators-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const spring = await client.callTool({ name: 'decide_vouchers', arguments: { code: 'SPRING-10', bought: '2026-03-02', locale: 'en' } });
      expect(spring.isError, stderr).toBeFalsy();
      expect(spring.structuredContent).toMatchObject({ outcome: 'approve' });
      const winter = await client.callTool({ name: 'decide_vouchers', arguments: { code: 'WINTER-1', bought: '2026-03-02', locale: 'en' } });
      expect(winter.structuredContent).toMatchObject({ outcome: 'deny' });
    } finally {
      await client.close();
    }
  }, 30_000);
});
