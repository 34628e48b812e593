/**
 * keepalived hover: keywords with their documentation; VIPs with the instances and nodes that carry them
 * and the HAProxy frontends that bind them; track_script entries and vrrp_script names with what they do
 * and who tracks them; instance names with their peers; auth_pass with how much of it keepalived uses.
 *
 * auth_pass never shows a character of the password. The editor shows the value already, but hover text
 * also travels where the file does not: LSP traces (`hapair.trace.server`), logs of other clients, shared
 * screens showing only the tooltip. What the user needs is in the counts: how many bytes there are, how
 * many keepalived uses (8), how many it drops, and whether the peers' effective passwords agree.
 */
import { resolveKeyword, homesOf } from '../knowledge/keepalived/lookup.js';
import type { BlockSpec, KeywordSpec } from '../knowledge/keepalived/keywords.js';
import type { KeepalivedVersion } from '../knowledge/versions.js';
import { parseIp } from '../model/address.js';
import { effectiveAuthPass, intOf, substitute, type KeepalivedModel, type VrrpInstance } from '../model/keepalived.js';
import type { KeepalivedSyntax, KStatement, KWord } from '../syntax/keepalived/ast.js';
import { KWORD_TEMPLATED } from '../syntax/keepalived/lexer.js';
import type { Span } from '../syntax/text.js';
import type { FeatureContext } from './context.js';
import type { HoverResult } from './hover.js';
import { keepalivedCursor, type KeepalivedCursor } from './keepalived-cursor.js';
import { keepalivedKeywordDoc } from './keepalived-docs.js';
import { instanceAt, listed, LISTED, memberLabel, modelsReading, nodesOfKeepalived, peersOf } from './node-facts.js';
import { vipDoc } from './vip-docs.js';

/** keepalived compares this many bytes of auth_pass. */
const AUTH_PASS_BYTES = 8;

interface Place {
  readonly ctx: FeatureContext;
  readonly cur: KeepalivedCursor;
  readonly word: KWord;
  readonly statement: KStatement;
  readonly version: KeepalivedVersion;
  readonly span: Span;
}

export function hoverKeepalived(ctx: FeatureContext, syntax: KeepalivedSyntax, offset: number): HoverResult | undefined {
  const version = ctx.settings.versions.keepalived;
  const cur = keepalivedCursor(syntax, offset, version);
  const { word, statement } = cur;
  if (!word || !statement || cur.inComment || word.flags & KWORD_TEMPLATED) return undefined;
  const p: Place = { ctx, cur, word, statement, version, span: { start: word.start, end: word.end } };
  const markdown = describe(p);
  return markdown ? { markdown, span: p.span } : undefined;
}

function describe(p: Place): string | undefined {
  const { cur, statement } = p;
  const block = cur.block;
  if (!block) return undefined;
  const keyword = statement.keyword.value;
  if (block.content === 'list') return cur.index === 0 ? listEntryDoc(p, block) : listOptionDoc(p, block);
  if (cur.index === 0) return keywordDoc(keyword, block, p.version);
  if (cur.index === 1) {
    if (keyword === 'auth_pass') return authPassDoc(p);
    if (keyword === 'vrrp_instance') return instanceDoc(p, enclosingInstance(p));
    if (keyword === 'vrrp_script') return scriptDoc(p, p.word.value);
  }
  return undefined;
}

/** A keyword of a block; one that is not valid here is described from the block it belongs in. */
function keywordDoc(name: string, block: BlockSpec, version: KeepalivedVersion): string | undefined {
  const r = resolveKeyword(block, name, version);
  if (r.status === 'known' || r.status === 'too-new' || r.status === 'removed') return keepalivedKeywordDoc(r.spec, block, version);
  const home = homesOf(name, version)[0];
  const spec = home?.keywords.find((k) => k.name === name);
  return home && spec ? `${keepalivedKeywordDoc(spec, home, version)}\n\n_Not valid in this block._` : undefined;
}

function models(p: Place): KeepalivedModel[] {
  const own = p.ctx.keepalived?.models ?? [];
  return own.length > 0 ? [...own] : modelsReading(p.ctx.analysis, p.ctx.path);
}

/** The instance whose block holds the cursor. */
function enclosingInstance(p: Place): { model: KeepalivedModel; instance: VrrpInstance } | undefined {
  const st = p.cur.path.find((s) => s.keyword.value === 'vrrp_instance') ?? (p.statement.keyword.value === 'vrrp_instance' ? p.statement : undefined);
  return st ? instanceAt(models(p), p.ctx.path, st.keyword) : undefined;
}

/** The first word of a value-list entry: a VIP, a tracked script, a peer address. */
function listEntryDoc(p: Place, block: BlockSpec): string | undefined {
  const value = p.word.value;
  switch (block.id) {
    case 'virtual_ipaddress':
    case 'virtual_ipaddress_excluded': {
      const text = substitute(value, models(p)[0]?.definitions ?? new Map()).text.replace(/\/\d+$/, '');
      const ip = parseIp(text);
      if (!ip) return undefined;
      const nodes = nodesOfKeepalived(p.ctx.analysis, p.ctx.path);
      return vipDoc(p.ctx.analysis, nodes, ip.key, text) ?? `**${text}** · VIP\n\nNo node of the analysis carries it yet (is this file part of a node?).`;
    }
    case 'track_script':
      return scriptDoc(p, value);
    case 'sync_group_members':
    case 'track_group_members':
      return instanceDoc(p, models(p).flatMap((model) => model.instances.map((instance) => ({ model, instance }))).find((x) => x.instance.name === value));
    case 'unicast_peer':
      return peerAddressDoc(p, value);
  }
  return undefined;
}

/** A word after a list entry: the option keywords of the list (`dev`, `label`, `weight`…). */
function listOptionDoc(p: Place, block: BlockSpec): string | undefined {
  const spec: KeywordSpec | undefined = block.keywords.find((k) => k.name === p.word.value);
  return spec ? keepalivedKeywordDoc(spec, block, p.version) : undefined;
}

/** A vrrp_script: its command, interval and weight, and the instances that track it. */
function scriptDoc(p: Place, name: string): string | undefined {
  const ms = models(p);
  const script = ms.map((m) => m.scripts.get(name)).find((s) => s !== undefined);
  if (!script) return `**${name}** · vrrp_script\n\nNo vrrp_script of this name is defined: keepalived ignores the entry.`;
  const parts = [`**vrrp_script \`${name}\`**`];
  if (script.script?.text) parts.push(`Runs \`${script.script.text}\` every ${script.interval?.text ?? '1'} s.`);
  const weight = intOf(script.weight);
  parts.push(weight === undefined || weight === 0 ? 'Without a weight, a failure puts the tracking instances in FAULT.' : `A ${weight > 0 ? 'success adds' : 'failure subtracts'} ${Math.abs(weight)} ${weight > 0 ? 'to' : 'from'} the priority of the instances tracking it (unless their track_script line sets its own weight).`);
  const trackers = ms.flatMap((m) => m.instances.filter((i) => i.trackScripts.some((t) => t.name.text === name)).map((i) => `\`${i.name}\``));
  parts.push(trackers.length > 0 ? `Tracked by ${[...new Set(trackers)].join(', ')}.` : 'No instance tracks it.');
  return parts.join('\n\n');
}

/** A unicast peer address: which node of the pair owns it. */
function peerAddressDoc(p: Place, address: string): string | undefined {
  const found = enclosingInstance(p);
  if (!found) return undefined;
  const nodes = nodesOfKeepalived(p.ctx.analysis, p.ctx.path);
  const owner = peersOf(p.ctx.analysis, found.instance, nodes, found.model).find((m) => m.model !== found.model && m.instance.unicastSrcIp?.text === address);
  return owner ? `**${address}** · unicast peer\n\nThe own address (unicast_src_ip) of ${memberLabel(owner)}, instance \`${owner.instance.name}\`.` : `**${address}** · unicast peer\n\nNo peer instance in the workspace uses this address as its unicast_src_ip.`;
}

/** An instance: VRID, VIPs, and its peers on the other nodes with their state and priority. */
function instanceDoc(p: Place, found: { model: KeepalivedModel; instance: VrrpInstance } | undefined): string | undefined {
  if (!found) return undefined;
  const { instance } = found;
  const nodes = nodesOfKeepalived(p.ctx.analysis, p.ctx.path);
  const members = peersOf(p.ctx.analysis, instance, nodes, found.model);
  const vrid = intOf(instance.vrid);
  const parts = [`**vrrp_instance \`${instance.name}\`**${vrid !== undefined ? ` · VRID ${vrid}` : ''}`];
  if (instance.vips.length > 0) parts.push(`VIPs: ${listed(instance.vips, (v) => `\`${v.text}\``, 'addresses')}`);
  parts.push(members.length > 1 ? `Peers: ${listed(members, memberLabel, 'peers')}` : 'No peer instance on another node was found.');
  return parts.join('\n\n');
}

/** How much of the password keepalived uses, and whether the peers' effective passwords agree. */
function authPassDoc(p: Place): string | undefined {
  const found = enclosingInstance(p);
  const setting = found?.instance.authPass;
  const opaque = setting ? setting.opaque : p.word.value.includes('$');
  if (opaque) return '**auth_pass** · set at deployment (template or `$NAME` parameter)\n\nkeepalived uses its first 8 bytes.';
  const value = setting?.text ?? p.word.value;
  const bytes = new TextEncoder().encode(value).length;
  const parts = [`**auth_pass** · ${bytes} byte${bytes === 1 ? '' : 's'}`];
  if (bytes > AUTH_PASS_BYTES) {
    parts.push(`keepalived uses only the first ${AUTH_PASS_BYTES}: \`${'•'.repeat(AUTH_PASS_BYTES)}\` and ignores the last ${bytes - AUTH_PASS_BYTES} (\`${'◦'.repeat(Math.min(bytes - AUTH_PASS_BYTES, 24))}\`). Peers whose first ${AUTH_PASS_BYTES} bytes agree authenticate each other, whatever follows.`);
  } else parts.push(`All of it is used (keepalived compares at most ${AUTH_PASS_BYTES} bytes).`);
  if (found) {
    const mine = effectiveAuthPass(value);
    const nodes = nodesOfKeepalived(p.ctx.analysis, p.ctx.path);
    const others = peersOf(p.ctx.analysis, found.instance, nodes, found.model).filter((m) => m.model !== found.model);
    const lines = others.slice(0, others.length > LISTED ? LISTED - 1 : LISTED).map((m) => {
      const theirs = m.instance.authPass;
      const verdict = !theirs?.text ? 'no auth_pass' : theirs.opaque ? 'set at deployment' : effectiveAuthPass(theirs.text) === mine ? 'same effective password' : '**different effective password**';
      return `- ${m.node.name} \`${m.instance.name}\`: ${verdict}`;
    });
    if (others.length > lines.length) lines.push(`- and ${others.length - lines.length} more peers`);
    if (lines.length > 0) parts.push(`Peers:\n\n${lines.join('\n')}`);
  }
  parts.push('_The characters are not shown: hover text can end up in logs and traces._');
  return parts.join('\n\n');
}
