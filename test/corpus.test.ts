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
};

/** Fraction of rejected files (with a line number) on whose line we report something. Raise as rules land. */
const RECALL_FLOOR = { haproxy: 0.1, keepalived: 0.1 };

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
    problems.push(...findings.filter((f) => f.severity === 'error').map(describeFinding));
  }
  assert.deepEqual(problems, []);
});
