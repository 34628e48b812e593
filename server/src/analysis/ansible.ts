/**
 * The Ansible step of the analysis. Config templates in an Ansible layout (workspace/ansible) are rendered per
 * inventory host; each rendered config is parsed and modelled like a real file under the identity
 * `<template>#<host>`, and each host becomes a node of its cluster, so the node and peer rules compare the
 * hosts' real values (priorities from host_vars, VIPs from group_vars). Findings on rendered text are mapped
 * back to the template (at the `{{ … }}` when an expression printed the text) with the host named; the same
 * finding from several hosts at one place is reported once. File rules on a rendered config report only what
 * expressions printed: the template's literal text is already checked on its own.
 *
 * Layout renderings are remembered by the text of every file read (templates, inventory, vars, playbooks),
 * and models by rendered text, so an unchanged layout costs its file reads only.
 */
import type { Finding, Related } from '../rules/rule.js';
import type { HaproxyModel } from '../model/haproxy.js';
import { buildHaproxyModel } from '../model/haproxy.js';
import type { KeepalivedModel } from '../model/keepalived.js';
import { buildKeepalivedModel } from '../model/keepalived.js';
import { parseHaproxy } from '../syntax/haproxy/parser.js';
import { parseKeepalived } from '../syntax/keepalived/parser.js';
import { jinjaEnd } from '../syntax/jinja.js';
import { restOfLine, sourceFile, type SourceFile, type Span } from '../syntax/text.js';
import { findLayouts, TEMPLATE_FOLDER } from '../workspace/ansible/detect.js';
import type { SourceMap } from '../workspace/ansible/jinja/source-map.js';
import { loadLayout } from '../workspace/ansible/load.js';
import { RecordingFileSystem } from '../workspace/recording-fs.js';
import { renderLayout, type LayoutRendering, type RenderedConfig } from '../workspace/ansible/render-hosts.js';
import type { Language, WorkspaceProblem } from '../workspace/types.js';
import type { Workspace } from '../workspace/workspace.js';
import { Memo } from './memo.js';

/** One host of an Ansible layout, as the analysis makes a node of it. */
export interface RenderedNode {
  readonly name: string;
  readonly scope: string;
  readonly keepalived?: KeepalivedModel;
  readonly haproxy: readonly HaproxyModel[];
}

/** The file rules of each language, as the analyzer runs them. */
export interface FileRules {
  haproxy(model: HaproxyModel): Finding[];
  keepalived(model: KeepalivedModel): Finding[];
}

interface RenderedFile {
  readonly config: RenderedConfig;
  readonly text: string;
  /** The template as the workspace parsed it: findings land there. */
  readonly template: SourceFile;
  readonly map: SourceMap;
  readonly haproxy?: HaproxyModel;
  readonly keepalived?: KeepalivedModel;
  /** File-rule findings on text that expressions printed. */
  readonly findings: Finding[];
}

const prefix = (hosts: readonly string[]) => `[${hosts.length > 1 ? 'hosts' : 'host'} ${hosts.join(', ')}]`;

/** A place in a template that is rendered for fewer hosts than deploy it: the analysis reports it as template-not-rendered. */
export interface Unrendered {
  readonly file: SourceFile;
  readonly span: Span;
  readonly message: string;
}

const LEFT_OUT = 'the template is checked as written, and the cross-file checks run without it';

/**
 * Where a rendering failure is shown: the `{{ … }}` or `{% … %}` that holds its offset, else the rest of its line
 * (empty at the very end of the text, where a block that is never closed is found).
 */
function failureSpan(text: string, offset: number): Span {
  const at = Math.min(Math.max(offset, 0), text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  for (let open = text.lastIndexOf('{', at); open >= lineStart; open = open > 0 ? text.lastIndexOf('{', open - 1) : -1) {
    const end = jinjaEnd(text, open);
    if (end > at) return { start: open, end };
  }
  return restOfLine(text, at);
}

/** What one run of the step produced, and how its findings go back to the templates. */
export class AnsibleRun {
  constructor(
    readonly nodes: readonly RenderedNode[],
    /** File-rule findings, still on rendered files (mapBack() moves them). */
    readonly findings: readonly Finding[],
    /** Places in templates that could not be rendered for some hosts, and why (template-not-rendered). */
    readonly unrendered: readonly Unrendered[],
    /** Layout files that could not be used (an unreadable inventory line, a YAML error, a vault-encrypted file). */
    readonly problems: readonly WorkspaceProblem[],
    private readonly files: ReadonlyMap<string, RenderedFile>,
    /** Remembers the last mapping: unchanged findings come back as the very same objects. */
    private readonly memo: Memo<Finding[]>,
    /** What the run read, looking for layouts and loading them. */
    private readonly read: RecordingFileSystem,
  ) {}

  /**
   * Whether the run read any file or folder: templates in a `templates/` folder send it looking for an inventory
   * (which an edit may make out of a YAML file or an ansible.cfg, even where none was found).
   */
  get readsFiles(): boolean {
    return !this.read.isEmpty;
  }

  /** Whether a change at `path` may change what this run found and rendered: a file, or a folder listing, it read. */
  reaches(path: string): boolean {
    return this.read.reaches(path);
  }

  isRendered(uri: string): boolean {
    return this.files.has(uri);
  }

  /** `list` without its findings on rendered text, which go to `into` (mapBack moves them to the templates). */
  withoutRendered(list: readonly Finding[], into: Finding[]): readonly Finding[] {
    const before = into.length;
    for (const f of list) if (this.files.has(f.file.uri)) into.push(f);
    return into.length === before ? list : list.filter((f) => !this.files.has(f.file.uri));
  }

  /** The templates of the rendered configs: mapBack reads the findings their own check has. */
  get templates(): ReadonlySet<string> {
    return new Set([...this.files.values()].map((f) => f.template.uri));
  }

  private back(file: SourceFile, span: Finding['span']): { rendered?: RenderedFile; file: SourceFile; span: Finding['span'] } {
    const rendered = this.files.get(file.uri);
    return rendered ? { rendered, file: rendered.template, span: rendered.map.toTemplate(span) } : { file, span };
  }

  /**
   * Findings on rendered files, moved to their templates: one finding per rule and place (the other hosts'
   * messages become related information), none where the template's own check (`others`) already reports
   * the rule on that line.
   */
  mapBack(rendered: readonly Finding[], others: readonly Finding[]): Finding[] {
    const templates = this.templates;
    const onTemplates = others.filter((f) => templates.has(f.file.uri));
    return this.memo.get('mapped', [...rendered, ...onTemplates], () => this.map(rendered, onTemplates));
  }

  private map(rendered: readonly Finding[], others: readonly Finding[]): Finding[] {
    const lineKey = (code: string, file: SourceFile, offset: number) => `${code}|${file.uri}|${file.lines().lineOf(offset)}`;
    const taken = new Set(others.map((f) => lineKey(f.code, f.file, f.span.start)));
    const places = new Map<string, Array<{ host: string; finding: Finding }>>();
    for (const f of rendered) {
      const at = this.back(f.file, f.span);
      if (!at.rendered || taken.has(lineKey(f.code, at.file, at.span.start))) continue;
      const related = f.related?.map((r): Related => {
        const there = this.back(r.file, r.span);
        return { file: there.file, span: there.span, message: there.rendered ? `${prefix([there.rendered.config.host])} ${r.message}` : r.message };
      });
      const key = `${f.code}|${at.file.uri}|${at.span.start}|${at.span.end}`;
      const list = places.get(key) ?? [];
      // A suggested replacement was written for the rendered text, not for the template: it does not come along.
      const { code, severity, message } = f;
      list.push({ host: at.rendered.config.host, finding: { code, severity, message, file: at.file, span: at.span, related } });
      places.set(key, list);
    }
    return [...places.values()].map((list) => {
      const first = list[0]!.finding;
      const same = list.every((x) => x.finding.message === first.message);
      const hosts = [...new Set(list.map((x) => x.host))];
      const others: Related[] = same
        ? list.slice(1).flatMap((x) => x.finding.related ?? [])
        : list.slice(1).map((x) => ({ file: x.finding.file, span: x.finding.span, message: `${prefix([x.host])} ${x.finding.message}` }));
      const seen = new Set<string>();
      const related = [...(first.related ?? []), ...others].filter((r) => {
        const k = `${r.file.uri}|${r.span.start}|${r.span.end}|${r.message}`;
        return !seen.has(k) && (seen.add(k), true);
      });
      return { ...first, message: `${prefix(same ? hosts : [list[0]!.host])} ${first.message}`, related: related.length > 0 ? related : undefined };
    });
  }
}


export class AnsibleStep {
  private readonly renderings = new Memo<LayoutRendering>();
  private readonly files = new Map<string, RenderedFile>();
  private readonly mapped = new Memo<Finding[]>();
  /**
   * The entries in a `templates/` folder, per entries version of the workspace: only those can belong to a layout,
   * and going through every entry again whenever a template is edited would cost time in proportion to the workspace.
   */
  private templates: { ws: Workspace; version: number; paths: readonly string[] } | undefined;

  clear(): void {
    this.renderings.clear();
    this.files.clear();
    this.mapped.clear();
    this.templates = undefined;
  }

  private templatesOf(ws: Workspace): readonly string[] {
    if (this.templates?.ws !== ws || this.templates.version !== ws.entriesVersion) {
      const paths = ws.allEntries().filter((e) => !e.standalone && e.path.includes(`/${TEMPLATE_FOLDER}/`)).map((e) => e.path);
      this.templates = { ws, version: ws.entriesVersion, paths };
    }
    return this.templates.paths;
  }

  run(ws: Workspace, rules: FileRules): AnsibleRun {
    const templates = this.templatesOf(ws);
    const read = new RecordingFileSystem(ws.fs);
    const layouts = findLayouts(read, templates, ws.roots);
    if (layouts.length === 0) {
      this.clear();
      return new AnsibleRun([], [], [], [], new Map(), this.mapped, read);
    }
    const languageOf = (path: string) => ws.entry(path)?.language;
    const nodes: RenderedNode[] = [];
    const problems: WorkspaceProblem[] = [];
    const unrendered: Unrendered[] = [];
    const findings: Finding[] = [];
    const used = new Map<string, RenderedFile>();
    const failures = new Map<string, { config: RenderedConfig; hosts: string[] }>();
    for (const spec of layouts) {
      const loaded = loadLayout(read, spec, languageOf);
      const rendering = this.renderings.get(spec.inventory.path, loaded.inputs, () => renderLayout(loaded));
      problems.push(...rendering.problems);
      for (const role of rendering.unapplied) {
        const message = `not rendered per host: no play applies role '${role.name}' and no inventory group is named after it; ${LEFT_OUT}`;
        for (const t of role.templates) {
          const file = this.templateFile(ws, t.path, t.language, read);
          unrendered.push({ file, span: restOfLine(file.text, 0), message });
        }
      }
      for (const host of rendering.hosts) {
        let keepalived: KeepalivedModel | undefined;
        const haproxy: HaproxyModel[] = [];
        for (const config of host.configs) {
          const result = config.result;
          if (!result.ok) {
            const key = `${config.template}|${result.offset}|${result.reason}`;
            const f = failures.get(key) ?? { config, hosts: [] };
            // Inventories side by side (prod, staging) often name their hosts alike: each name is said once.
            if (!f.hosts.includes(host.name)) f.hosts.push(host.name);
            failures.set(key, f);
            continue;
          }
          const file = this.fileOf(ws, config, result.text, result.map, rules, read);
          used.set(config.uri, file);
          findings.push(...file.findings);
          if (file.keepalived) keepalived ??= file.keepalived;
          if (file.haproxy) haproxy.push(file.haproxy);
        }
        nodes.push({ name: host.name, scope: host.scope, keepalived, haproxy });
      }
    }
    this.renderings.sweep();
    for (const uri of this.files.keys()) if (!used.has(uri)) this.files.delete(uri);
    for (const { config, hosts } of failures.values()) {
      if (config.result.ok) continue;
      const file = this.templateFile(ws, config.template, config.language, read);
      unrendered.push({ file, span: failureSpan(file.text, config.result.offset), message: `${prefix(hosts)} not rendered for ${hosts.length > 1 ? 'these hosts' : 'this host'}: ${config.result.reason}; ${LEFT_OUT}` });
    }
    return new AnsibleRun(nodes, findings, unrendered, problems, used, this.mapped, read);
  }

  /** A template as the workspace parsed it: findings about it land there. */
  private templateFile(ws: Workspace, path: string, language: Language, read: RecordingFileSystem): SourceFile {
    read.note(path);
    return language === 'haproxy' ? ws.haproxy(path).file : ws.keepalived(path).file;
  }

  /** The parse, model and file findings of one rendered config, reused while its text and template are unchanged. */
  private fileOf(ws: Workspace, config: RenderedConfig, text: string, map: SourceMap, rules: FileRules, read: RecordingFileSystem): RenderedFile {
    const template = this.templateFile(ws, config.template, config.language, read);
    const previous = this.files.get(config.uri);
    if (previous && previous.text === text && previous.template === template && previous.config.language === config.language) return previous;
    const file = sourceFile(config.uri, text);
    const printed = (f: Finding) => map.printed(f.span);
    let made: RenderedFile;
    if (config.language === 'haproxy') {
      const model = buildHaproxyModel(parseHaproxy(file));
      made = { config, text, template, map, haproxy: model, findings: rules.haproxy(model).filter(printed) };
    } else {
      const model = buildKeepalivedModel(parseKeepalived(file));
      made = { config, text, template, map, keepalived: model, findings: rules.keepalived(model).filter(printed) };
    }
    this.files.set(config.uri, made);
    return made;
  }
}
