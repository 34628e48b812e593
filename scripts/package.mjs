// Builds the production bundles and packages them as dist/hapair.vsix, printing the sizes. vsce's file
// listing is shown only when packaging fails.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', shell: false });
const build = run(process.execPath, ['build.mjs', '--production']);
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  process.exit(build.status ?? 1);
}
const vsce = run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--out', 'dist/hapair.vsix']);
if (vsce.status !== 0) {
  process.stderr.write(vsce.stdout + vsce.stderr);
  process.exit(vsce.status ?? 1);
}
const kb = (path) => `${(statSync(path).size / 1024).toFixed(0)} KB`;
console.log(`packaged dist/hapair.vsix: ${kb('dist/hapair.vsix')} (client ${kb('dist/client.js')}, server ${kb('dist/server-bundle.js')}, cli ${kb('dist/cli-bundle.js')})`);
