#!/usr/bin/env node
import module from 'node:module';
import type { Io } from './cli/shared.js';
import { EXIT, UsageError } from './cli/usage.js';
import { packageVersion } from './version.js';

// Each command is loaded when it runs: `because explain` does not pay for the linter, the
// studio's server or the replay's workers, and this entry loads nothing of `because` before a
// command runs, so Node's compile cache (below) serves all of it (docs/performance.md, start-up).

const MCP_HELP = `Usage: because mcp POLICY… [--operators FILE]

Serves the policies as tools over the Model Context Protocol (stdio), for AI agents.
Needs the optional package @modelcontextprotocol/sdk.

Options:
  --operators FILE   custom operators: a module exporting them (default or "operators")`;

const USAGE = `Usage: because COMMAND [options]

Commands:
  explain POLICY --facts FILE|JSON   explain the decision on the facts (trace, reasons, texts)
  validate FILE…                     check policy files and tests files
  test POLICY [TESTS]                run a policy's tests, with rule and condition coverage
  lint POLICY…                       find contradictions, shadowed rules, missing texts, …
  review POLICY [--snapshot FILE]    every text the policy can say, region by region, per locale
  import RULES [--out POLICY]        convert json-rules-engine rules into a policy
  mcp POLICY… [--operators FILE]     serve policies to AI agents over MCP (stdio)
  replay OLD NEW CASES.jsonl         compare two policy versions on recorded cases
  studio POLICY… [--export DIR]      try policies in the browser (or write a static site)
  help [COMMAND]                     show help for a command

Options: -h, --help (also after a command), -v, --version.
Exit codes: 0 ok, 1 a check failed, 2 bad usage (unknown command or flag, missing argument,
unreadable file).`;

const HELP: Record<string, () => Promise<string>> = {
  explain: async () => (await import('./cli/explain.js')).EXPLAIN_HELP,
  validate: async () => (await import('./cli/validate.js')).VALIDATE_HELP,
  test: async () => (await import('./cli/test.js')).TEST_HELP,
  lint: async () => (await import('./cli/lint.js')).LINT_HELP,
  review: async () => (await import('./cli/review.js')).REVIEW_HELP,
  import: async () => (await import('./cli/import.js')).IMPORT_HELP,
  mcp: async () => MCP_HELP,
  replay: async () => (await import('./replay.js')).REPLAY_HELP,
  studio: async () => (await import('./studio/command.js')).STUDIO_HELP,
};

/**
 * Loads a module that ships beside the CLI but may be left out or need an optional package.
 * The specifier is not a literal, so bundlers leave it as a run-time import of the file next to
 * this one (`src/node/*.ts` under tsx, `dist/*.js` once built).
 */
async function loadBeside<T>(name: string, command: string, optionalPackage?: string): Promise<T> {
  const specifier = `./${name}.js`;
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      if (optionalPackage !== undefined && message.includes(optionalPackage)) {
        throw new UsageError(`"because ${command}" needs the optional package ${optionalPackage}: npm install ${optionalPackage}`, command);
      }
      if (message.includes(name)) throw new UsageError(`"because ${command}" is not available in this build of because (${name} is missing)`, command);
    }
    throw error;
  }
}

async function dispatch(command: string, rest: string[], io: Io): Promise<number> {
  switch (command) {
    case 'explain':
      return (await import('./cli/explain.js')).runExplain(rest, io);
    case 'validate':
      return (await import('./cli/validate.js')).runValidate(rest, io);
    case 'test':
      return (await import('./cli/test.js')).runTestCommand(rest, io);
    case 'lint':
      return (await import('./cli/lint.js')).runLint(rest, io);
    case 'review':
      return (await import('./cli/review.js')).runReview(rest, io);
    case 'import':
      return (await import('./cli/import.js')).runImport(rest, io);
    case 'mcp': {
      const { parse, readOperators } = await import('./cli/shared.js');
      const { values, positionals } = parse('mcp', rest, { operators: { type: 'string' } });
      if (values.help === true) {
        io.out.write(`${MCP_HELP}\n`);
        return EXIT.ok;
      }
      if (positionals.length === 0) throw new UsageError('mcp needs at least one POLICY file', 'mcp');
      const operators = await readOperators(values.operators, 'mcp');
      // Every problem of every file, with its place, before the server takes over stdout.
      const { loadPolicyFile } = await import('./cli/explain.js');
      const loaded = await Promise.all(positionals.map((file) => loadPolicyFile(file, 'mcp', io, { operators })));
      const policies = loaded.flatMap((l) => (l === undefined ? [] : [l.policy]));
      if (policies.length < positionals.length) return EXIT.failed;
      const mod = await loadBeside<typeof import('./mcp-server.js')>('mcp-server', 'mcp', '@modelcontextprotocol/sdk');
      await mod.runMcpServer(policies);
      return EXIT.ok;
    }
    case 'replay':
      return (await import('./replay.js')).runReplay(rest, io);
    case 'studio':
      return (await import('./studio/command.js')).runStudio(rest, io);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code: 0 ok,
 * 1 a check failed, 2 bad usage.
 * @internal
 */
export async function main(
  argv: string[],
  out: Io['out'] = process.stdout,
  err: Io['err'] = process.stderr,
  env: Io['env'] = process.env,
): Promise<number> {
  const io: Io = { out, err, env };
  const [command, ...rest] = argv;
  if (command === undefined) {
    err.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  if (command === '--help' || command === '-h') {
    out.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    out.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (command === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      out.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    const text = Object.hasOwn(HELP, topic) ? await HELP[topic]?.() : undefined;
    if (text === undefined) {
      err.write(`because: no help for "${topic}": there is no such command\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    out.write(`${text}\n`);
    return EXIT.ok;
  }
  try {
    return await dispatch(command, rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error.command === undefined ? USAGE : `Run "because ${error.command} --help" for its usage.`;
      err.write(`because: ${error.message}\n${hint}\n`);
      return EXIT.usage;
    }
    const { isBecauseError } = await import('../errors.js');
    if (isBecauseError(error)) {
      for (const issue of error.issues) err.write(`because: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && /(cli\.(c?js|ts)|[\\/]because)$/.test(process.argv[1]);
if (invokedDirectly) {
  // Node (22.1 and later) keeps the code it compiles for the commands' modules on disk, in its
  // own cache folder, and reuses it at the next run: about 30 ms of every later command's start.
  // NODE_DISABLE_COMPILE_CACHE=1 turns it off; older Node has no such cache.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`because: unexpected error: ${(error as Error).message}\nPlease report it with the command you ran.\n`);
      process.exitCode = 2;
    },
  );
}
