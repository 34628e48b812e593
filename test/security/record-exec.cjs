// Preloaded (node --require) into the bundled CLI or language server by test/security/no-exec.test.ts: every
// function of child_process that starts a program is replaced by one that appends the call to the file named
// by HAPAIR_EXEC_LOG and then refuses. The bundles are CommonJS, so they get this very module object.
const childProcess = require('node:child_process');
const { appendFileSync } = require('node:fs');

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[name] = (...args) => {
    appendFileSync(process.env.HAPAIR_EXEC_LOG, `${name} ${JSON.stringify(args[0])}\n`);
    throw new Error(`hapair must not start programs (${name})`);
  };
}
