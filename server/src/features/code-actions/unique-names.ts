/**
 * duplicate-server, duplicate-proxy, duplicate-instance: the later definition gets a name of its own
 * (`web1` → `web1-2`, the next number that is free).
 *
 * HAProxy refuses to start on a duplicate, so a reference to the name (use_backend, use-server, track, nbsrv…) has
 * no meaning yet: which of the two it was written for is the user's call, and no fix is offered while one exists.
 * keepalived drops the later vrrp_instance and keeps the first, so references already mean the first one and the
 * rename keeps it that way; when the instance's peers all use one other name, that name is offered first.
 * Templates with Jinja `{% %}` tags get no rename: a loop may print the line more than once.
 */
import type { HaproxyModel, Proxy } from '../../model/haproxy.js';
import type { KeepalivedModel } from '../../model/keepalived.js';
import { peerName } from '../../rules/cross/peers.js';
import { templateNames } from '../../rules/haproxy/duplicate-server.js';
import type { Word } from '../../syntax/haproxy/ast.js';
import type { FeatureContext } from '../context.js';
import { haproxySites, type HaproxyNameKind } from '../navigation/haproxy-sites.js';
import { nodesServingHaproxy } from '../node-facts.js';
import { findInstance, isAt } from './instance-edits.js';
import { agreedValue, peersOfInstance } from './peer-edits.js';
import { fixOf, type Fixer, type QuickFix } from './quick-fix.js';
import { replaceWord } from './text-edits.js';

/** `name-2`, `name-3`…: the first that is not taken. */
function freeName(name: string, taken: ReadonlySet<string>, separator: string): string {
  let n = 2;
  while (taken.has(`${name}${separator}${n}`)) n++;
  return `${name}${separator}${n}`;
}

/** A HAProxy name written plainly (no quotes or escapes), so that replacing the word replaces just the name. */
const renameWord = (model: HaproxyModel, word: Word, name: string): QuickFix[] =>
  word.text === word.value ? fixOf(`Rename to '${name}'`, [{ file: model.syntax.file, edits: [{ start: word.start, end: word.end, newText: name }] }], true) : [];

/** The HAProxy files read together with this one (several `-f` files of one node): names are shared among them. */
function haproxyFilesOf(ctx: FeatureContext, model: HaproxyModel): HaproxyModel[] {
  return [...new Set([model, ...nodesServingHaproxy(ctx.analysis, ctx.path).flatMap((n) => n.haproxy)])];
}

/** Whether a line of these files uses the name as one of these kinds (a server name: of this proxy). */
const isReferenced = (models: readonly HaproxyModel[], kinds: readonly HaproxyNameKind[], name: string, proxy?: Proxy) =>
  models.some((m) => haproxySites(m).some((s) => !s.definition && s.name === name && kinds.includes(s.kind) && (proxy === undefined || s.proxy === proxy)));

export const renameServer: Fixer = (ctx, finding) => {
  const model = ctx.haproxy?.model;
  if (model?.syntax.controlFlow) return [];
  // Only `server` lines: a server-template's prefix names a whole range, and a new prefix is a naming decision.
  const proxy = model?.proxies.find((p) => p.servers.some((st) => st.word(1)?.start === finding.span.start));
  const word = proxy?.servers.find((st) => st.word(1)?.start === finding.span.start)?.word(1);
  if (!model || !proxy || !word || isReferenced([model], ['server'], word.value, proxy)) return [];
  const taken = new Set<string>(proxy.servers.map((s) => s.value(1) ?? ''));
  for (const template of proxy.templates) for (const name of templateNames(template)) taken.add(name);
  return renameWord(model, word, freeName(word.value, taken, '-'));
};

/** The name spaces a proxy's name is looked up in: a listen is both a frontend and a backend. */
const ROLES: Readonly<Record<Proxy['kind'], readonly HaproxyNameKind[]>> = { frontend: ['frontend'], backend: ['backend'], listen: ['frontend', 'backend'], defaults: ['defaults'] };

export const renameProxy: Fixer = (ctx, finding) => {
  const model = ctx.haproxy?.model;
  if (model?.syntax.controlFlow) return [];
  const proxy = model?.proxies.find((p) => p.section.name?.start === finding.span.start);
  const word = proxy?.section.name;
  if (!model || !proxy || !word) return [];
  const models = haproxyFilesOf(ctx, model);
  if (isReferenced(models, ROLES[proxy.kind], word.value)) return [];
  const taken = new Set(models.flatMap((m) => m.syntax.sections.map((s) => s.name?.value ?? '')));
  return renameWord(model, word, freeName(word.value, taken, '-'));
};

/** The instance names of every model (config-id) that reads the instance's file. */
function instanceNames(ctx: FeatureContext, model: KeepalivedModel): Set<string> {
  const models = [...ctx.analysis.keepalived.values()].flat().filter((m) => m.file === model.file);
  return new Set([model, ...models].flatMap((m) => m.instances.map((i) => i.name)));
}

export const renameInstance: Fixer = (ctx, finding) => {
  const found = findInstance(ctx, (i) => i.statement.args[0] !== undefined && isAt(finding, i.statement.file, i.statement.args[0]));
  if (!found || found.model.controlFlow) return [];
  const { model, inst } = found;
  const word = inst.statement.args[0]!;
  const taken = instanceNames(ctx, model);
  const rename = (name: string, why: string, preferred: boolean) => fixOf(`Rename to '${name}'${why}`, [{ file: inst.statement.file, edits: [replaceWord(word, name)] }], preferred);
  const peers = peersOfInstance(ctx, inst);
  const theirs = agreedValue(peers, (m) => m.instance.name);
  const out = theirs !== undefined && !taken.has(theirs) ? rename(theirs, `, as on ${peers.map(peerName).join(', ')}`, true) : [];
  return [...out, ...rename(freeName(inst.name, taken, '_'), '', out.length === 0)];
};
