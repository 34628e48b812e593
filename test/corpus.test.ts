/**
 * Agreement with the real programs on real-world configs (../shared/corpus, labelled by Debian's haproxy 2.6 and
 * keepalived 2.2.7). The contract: no error-severity finding on a file the program accepts, never a crash, and
 * templates never break the structure. Recall on rejected files is measured and printed, and must not regress
 * below the floor recorded here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusSkipReason, labelsFor } from './support/corpus.js';
import { checkFile, describeFinding } from './support/check.js';

const skip = corpusSkipReason();

/**
 * Error findings on files labelled 'env' that were checked by hand and are real: the program stopped at the
 * environment problem before reaching them. Each entry says how it was verified.
 */
const VERIFIED_ON_ENV_FILES: Record<string, string> = {
  'icebluey__build-haproxy__README.md__block4.cfg:undefined-backend':
    "haproxy stops at the missing certificate; with ssl/quic binds removed it reports \"unable to find required default_backend: 'app'\"",
  'haproxy__haproxy__examples__games.cfg:unknown-keyword':
    "labelled env because 3.5 misses a Lua file, but 2.6's own first message is \"unknown keyword 'tune.lua.bool-sample-conversion' in 'global' section\"",
  'haproxy__haproxy__v1.3.15__examples__acl-content-sw.cfg:unknown-keyword':
    "haproxy stops at the unresolvable 'loghost'; with 127.0.0.1 instead it reports exactly our 17 lines (clitimeout, block, reqirep, rspirep, contimeout, srvtimeout, redispatch, rspidel, rspadd: \"not supported anymore since HAProxy 2.1\")",
};

/**
 * Error findings on templates that are real mistakes in their literal text (a keyword Jinja does not produce), so
 * every rendering that reaches the line carries them. Each entry says how it was verified.
 */
const VERIFIED_IN_TEMPLATES: Record<string, string> = {
  'Unstoppable94__keepalived-haproxy__keepalived.conf:missing-value':
    'rendered with sed-style values, keepalived 2.2.7 -t exits 2: "Configuration line starting `vrrp_garp_master_refresh` is missing a parameter"',
  'vyos__vyos-1x__data__templates__high-availability__keepalived.conf.j2:unknown-keyword':
    "keepalived registers garp_interval only inside garp_group (2.0.20 to HEAD); 2.2.7 -t on a vrrp_instance with it says \"Unknown keyword 'garp_interval'\"",
};

/** Fraction of rejected files (with a line number) on whose line we report something. Raise as rules land. */
const RECALL_FLOOR = { haproxy: 0.7, keepalived: 0.55 };

test('haproxy corpus: no error on files haproxy 2.6 accepts; recall on rejected ones', { skip }, () => {
  const falseErrors: string[] = [];
  let rejectedWithLine = 0;
  let found = 0;
  const misses: string[] = [];
  for (const rec of labelsFor('haproxy')) {
    const verdict = rec.v26;
    if (!verdict) continue;
    const { findings } = checkFile(rec.path, 'haproxy');
    const accepted = verdict.category === 'ok' || verdict.category === 'env';
    if (accepted) {
      const unverified = findings.filter((f) => f.severity === 'error' && !VERIFIED_ON_ENV_FILES[`${rec.localFile.split('/').pop()}:${f.code}`]);
      falseErrors.push(...unverified.map(describeFinding));
    } else if (verdict.line !== undefined && verdict.category === 'syntax') {
      rejectedWithLine++;
      const hit = findings.some((f) => f.file.lines().lineOf(f.span.start) + 1 === verdict.line);
      if (hit) found++;
      else misses.push(`${rec.localFile}:${verdict.line}: ${verdict.firstMessage.slice(0, 160)}`);
    }
  }
  const recall = rejectedWithLine ? found / rejectedWithLine : 1;
  console.log(`haproxy corpus recall: ${found}/${rejectedWithLine} rejected files have a finding on haproxy's line (${(recall * 100).toFixed(0)}%)`);
  if (process.env.HAPAIR_VERBOSE) console.log(misses.join('\n'));
  assert.deepEqual(falseErrors, [], 'error findings on files haproxy 2.6 accepts');
  assert.ok(recall >= RECALL_FLOOR.haproxy, `recall ${recall} fell below ${RECALL_FLOOR.haproxy}`);
});

test('keepalived corpus: no error on files keepalived 2.2.7 accepts; recall on rejected ones', { skip }, () => {
  const falseErrors: string[] = [];
  let rejectedWithLine = 0;
  let found = 0;
  const misses: string[] = [];
  for (const rec of labelsFor('keepalived')) {
    const v = rec.verdict;
    const { findings } = checkFile(rec.path, 'keepalived');
    // Exit 5/6 with warnings only still means keepalived runs the config as written.
    const accepted = v.category === 'ok' || v.category === 'env' || v.detail === 'warning-only';
    if (accepted) falseErrors.push(...findings.filter((f) => f.severity === 'error').map(describeFinding));
    else if (v.line !== undefined) {
      rejectedWithLine++;
      if (findings.some((f) => f.file.lines().lineOf(f.span.start) + 1 === v.line)) found++;
      else misses.push(`${rec.localFile}:${v.line}: ${v.firstMessage.slice(0, 160)}`);
    }
  }
  const recall = rejectedWithLine ? found / rejectedWithLine : 1;
  console.log(`keepalived corpus recall: ${found}/${rejectedWithLine} rejected files have a finding on keepalived's line (${(recall * 100).toFixed(0)}%)`);
  if (process.env.HAPAIR_VERBOSE) console.log(misses.join('\n'));
  assert.deepEqual(falseErrors, [], 'error findings on files keepalived 2.2.7 accepts');
  assert.ok(recall >= RECALL_FLOOR.keepalived, `recall ${recall} fell below ${RECALL_FLOOR.keepalived}`);
});

test('jinja corpus: templates never break the structure and templated values are never errors', { skip }, () => {
  const problems: string[] = [];
  for (const rec of labelsFor('jinja')) {
    if (rec.verdict.category !== 'ok') continue;
    const rendersAs = /renders=(haproxy|keepalived)/.exec(rec.verdict.detail + ' ' + rec.verdict.notes)?.[1] as 'haproxy' | 'keepalived' | undefined;
    const { findings } = checkFile(rec.path, rendersAs);
    const unverified = findings.filter((f) => f.severity === 'error' && !VERIFIED_IN_TEMPLATES[`${rec.localFile.split('/').pop()}:${f.code}`]);
    problems.push(...unverified.map(describeFinding));
  }
  assert.deepEqual(problems, []);
});
