#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { explain } from '../explain/explain.js';
import { isBecauseError } from '../errors.js';
import { loadPolicy, readJsonFile } from './index.js';

const USAGE = `Usage:
  because explain POLICY --facts FILE|JSON [--locale L] [--audience customer|agent] [--why-not OUTCOME] [--json]

Explains the decision POLICY takes on the facts. Exit codes: 0 ok, 1 check failed, 2 bad usage.`;

/** Runs the CLI; returns the exit code. @internal */
export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    (command === undefined ? err : out).write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'explain') {
    err.write(`because: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        facts: { type: 'string' },
        locale: { type: 'string' },
        audience: { type: 'string' },
        'why-not': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    err.write(`because: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const [policyFile] = positionals;
  if (policyFile === undefined || values.facts === undefined || positionals.length > 1) {
    err.write(`because: explain takes one POLICY and --facts\n${USAGE}\n`);
    return 2;
  }
  let inlineFacts: unknown;
  if (!existsSync(values.facts)) {
    try {
      inlineFacts = JSON.parse(values.facts) as unknown;
    } catch {
      err.write(`because: --facts is neither a file nor JSON: ${values.facts.slice(0, 60)}\n`);
      return 2;
    }
  }
  try {
    const policy = await loadPolicy(policyFile);
    const facts = inlineFacts ?? (await readJsonFile(values.facts));
    const result = await explain(policy, facts, {
      ...(values.locale === undefined ? {} : { locale: values.locale }),
      ...(values.audience === undefined ? {} : { audience: values.audience as 'customer' | 'agent' }),
      ...(values['why-not'] === undefined ? {} : { whyNot: values['why-not'] }),
    });
    if (values.json) {
      out.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      out.write(`${result.outcome}${result.decidedBy === null ? '' : ` (${result.decidedBy})`}\n${result.text}\n`);
      for (const m of result.missing) out.write(`? ${m.question}\n`);
    }
    return 0;
  } catch (error) {
    if (!isBecauseError(error)) throw error;
    const file = (error as { file?: string }).file;
    for (const issue of error.issues) {
      err.write(`${file === undefined ? '' : `${file}: `}${issue.path === '' ? '' : `${issue.path}: `}${issue.message}\n`);
    }
    return 1;
  }
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && /cli\.(c?js|ts)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`because: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
