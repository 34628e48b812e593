// Runs every test/**/*.test.ts file with Node's built-in test runner.
// Node 20 has no glob support in `node --test`, so the file list is built here.
// test/e2e/suite and test/e2e/runner-extension hold mocha code for the editor's extension host (run
// by test/e2e/code-server.test.ts inside code-server), never by node --test.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const EXCLUDED = new Set([join('test', 'e2e', 'suite'), join('test', 'e2e', 'runner-extension')]);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (EXCLUDED.has(path)) continue;
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = collect('test', []).filter((f) => filter.length === 0 || filter.some((p) => f.includes(p))).sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
