/**
 * A workspace in memory for quick-fix tests: analyse it, ask for the fixes of a finding, apply one (to every
 * file it edits) and analyse again. Also a clean lb1/lb2 pair to derive broken variants from.
 */
import assert from 'node:assert/strict';
import { analyze, type AnalysisResult } from '../../../server/src/analysis/analyze.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../../server/src/analysis/settings.js';
import { featureContext } from '../../../server/src/features/context.js';
import { quickFixes, type QuickFix } from '../../../server/src/features/code-actions/quick-fixes.js';
import type { Finding } from '../../../server/src/rules/rule.js';
import { Workspace } from '../../../server/src/workspace/workspace.js';
import { MemoryFileSystem } from '../../fuzz/memfs.js';
import { applyEdits } from '../../support/apply-edits.js';

const ROOT = '/w';

export class FixWorkspace {
  private readonly files: Map<string, string>;
  private ws!: Workspace;
  analysis!: AnalysisResult;

  constructor(
    files: Record<string, string>,
    private readonly settings: AnalysisSettings = DEFAULT_SETTINGS,
  ) {
    this.files = new Map(Object.entries(files).map(([rel, text]) => [`${ROOT}/${rel}`, text]));
    this.reanalyze();
  }

  private reanalyze(): void {
    this.ws = new Workspace(new MemoryFileSystem([...this.files].map(([path, text]) => ({ path, text }))), [ROOT]);
    this.ws.discover(ROOT);
    this.analysis = analyze(this.ws, this.settings);
  }

  text(rel: string): string {
    return this.files.get(`${ROOT}/${rel}`)!;
  }

  findings(code?: string): Finding[] {
    return this.analysis.findings.filter((f) => code === undefined || f.code === code);
  }

  /** The finding with this code in this file (the first one, or the one whose line holds `onLine`). */
  finding(rel: string, code: string, onLine?: string): Finding {
    const found = this.findings(code).find((f) => f.file.uri === `${ROOT}/${rel}` && (onLine === undefined || lineOf(f).includes(onLine)));
    assert.ok(found, `no ${code} in ${rel}; findings: ${this.findings().map((f) => `${f.file.uri}:${f.code}`).join(', ')}`);
    return found;
  }

  fixes(rel: string, code: string, onLine?: string): QuickFix[] {
    const f = this.finding(rel, code, onLine);
    const path = `${ROOT}/${rel}`;
    return quickFixes(featureContext(this.ws, this.analysis, this.settings, path, this.ws.entry(path)!.language), code, f.span);
  }

  /** The fix whose title matches, applied; returns the relative paths it edited. */
  apply(rel: string, code: string, title: RegExp, onLine?: string): string[] {
    const fixes = this.fixes(rel, code, onLine);
    const fix = fixes.find((x) => title.test(x.title));
    assert.ok(fix, `no fix matching ${title} for ${code} in ${rel}; offered: ${fixes.map((x) => x.title).join(' | ')}`);
    const byFile = new Map<string, Array<QuickFix['changes'][number]['edits'][number]>>();
    for (const c of fix.changes) byFile.set(c.file.uri, [...(byFile.get(c.file.uri) ?? []), ...c.edits]);
    for (const [path, edits] of byFile) this.files.set(path, applyEdits(this.files.get(path)!, edits));
    this.reanalyze();
    return [...byFile.keys()].map((p) => p.slice(ROOT.length + 1)).sort();
  }

  /** Error findings as "file code" strings, to compare before and after a fix. */
  errors(): string[] {
    return this.findings()
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.file.uri} ${f.code}`)
      .sort();
  }
}

function lineOf(f: Finding): string {
  const text = f.file.text;
  const start = text.lastIndexOf('\n', f.span.start - 1) + 1;
  const end = text.indexOf('\n', f.span.start);
  return text.slice(start, end === -1 ? text.length : end);
}

/**
 * Applies the fix, then checks that the rule reports nothing any more (in any file, or with `onlyIn` in that
 * file) and that no error appeared that was not there before. Returns the files the fix edited.
 */
export function assertFixed(ws: FixWorkspace, rel: string, code: string, title: RegExp, onLine?: string, onlyIn?: string): string[] {
  const before = ws.errors();
  const edited = ws.apply(rel, code, title, onLine);
  const left = ws.findings(code).filter((f) => onlyIn === undefined || f.file.uri === `${ROOT}/${onlyIn}`);
  assert.deepEqual(left.map((f) => `${f.file.uri}: ${f.message}`), [], `${code} is still reported`);
  const added = ws.errors().filter((e) => !before.includes(e));
  assert.deepEqual(added, [], 'the fix introduced errors');
  return edited;
}

export const KEEPALIVED = (node: 1 | 2) => `! lb${node}
global_defs {
    router_id lb${node}
    script_user root
    enable_script_security
}

vrrp_script chk_haproxy {
    script "/usr/bin/killall -0 haproxy"
    interval 2
    weight -20
}

vrrp_instance VI_1 {
    state ${node === 1 ? 'MASTER' : 'BACKUP'}
    interface eth0
    virtual_router_id 51
    priority ${node === 1 ? 110 : 100}
    advert_int 1
    unicast_src_ip 192.0.2.1${node}
    unicast_peer {
        192.0.2.1${3 - node}
    }
    authentication {
        auth_type PASS
        auth_pass secret12
    }
    virtual_ipaddress {
        192.0.2.10/24 dev eth0
    }
    track_script {
        chk_haproxy
    }
}
`;

export const HAPROXY = `global
    log /dev/log local0
    maxconn 1000

defaults
    mode tcp
    timeout connect 5s
    timeout client 1m
    timeout server 1m

frontend k8s-api
    bind 192.0.2.10:6443
    default_backend k8s-api

backend k8s-api
    server cp1 198.51.100.11:6443 check
`;

/**
 * The clean pair with some text replaced: `{ 'lb2/keepalived.conf': [['priority 100', 'priority 110']] }`, and
 * `more` files (an included one) beside it.
 */
export function pair(changes: Record<string, Array<[string | RegExp, string]>> = {}, more: Record<string, string> = {}, settings?: AnalysisSettings): FixWorkspace {
  const files: Record<string, string> = { 'lb1/keepalived.conf': KEEPALIVED(1), 'lb2/keepalived.conf': KEEPALIVED(2), 'lb1/haproxy.cfg': HAPROXY, 'lb2/haproxy.cfg': HAPROXY, ...more };
  for (const [rel, list] of Object.entries(changes)) {
    for (const [from, to] of list) {
      const next = files[rel]!.replace(from, to);
      assert.notEqual(next, files[rel], `${rel}: '${from}' not found`);
      files[rel] = next;
    }
  }
  return new FixWorkspace(files, settings);
}
