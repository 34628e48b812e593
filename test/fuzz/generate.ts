/**
 * Case generators. A case is one of:
 *  - a seed file, mutated (token- and byte-level), checked on its own or inside a workspace;
 *  - lines of several seeds spliced together;
 *  - keyword soup from the keyword lists, or random characters;
 *  - a generated keepalived / HAProxy config (plausible structure, edge values), possibly mutated;
 *  - a workspace: a node pair (seed or generated) with include graphs (globs, self-includes, cycles) and
 *    hapair.json manifests (valid or not), one file of which is the one "open in the editor".
 * Everything is drawn from one Rng, so (seed, index) regenerates a case exactly.
 */
import fc from 'fast-check';
import type { Language } from '../../server/src/workspace/types.js';
import { ROOT, type FuzzCase, type FuzzFile } from './case.js';
import { mutate, randomChars, randomLine, randomWord, splitLines } from './mutate.js';
import type { Rng } from './rng.js';
import type { Seeds } from './seeds.js';
import { HAPROXY_ACTIONS, HAPROXY_BIND_PARAMS, HAPROXY_FETCHES, HAPROXY_KEYWORDS, HAPROXY_OPTIONS, HAPROXY_SECTIONS, HAPROXY_SERVER_PARAMS, HAPROXY_TIMEOUTS, IPS, KEEPALIVED_BLOCKS, KEEPALIVED_KEYWORDS, NUMBERS, PROTOTYPE_NAMES, SPECIAL, SPECIAL_LINES } from './vocab.js';

const HAPROXY_VERSIONS = ['2.6', '2.8', '3.0', '3.2'] as const;
const KEEPALIVED_VERSIONS = ['2.0', '2.1', '2.2', '2.3'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Generated configs

const v4 = (rng: Rng) => `192.0.2.${rng.pick([1, 2, 10, 11, 12, 13, 100, 101, 200, 255, 0])}`;
const v6 = (rng: Rng) => `2001:db8::${rng.pick(['1', '2', '11', '12', '100', 'a', 'ffff'])}`;
const anyIp = (rng: Rng) => (rng.chance(0.8) ? v4(rng) : rng.chance(0.7) ? v6(rng) : rng.pick(IPS));
const num = (rng: Rng, lo: number, hi: number) => (rng.chance(0.85) ? String(rng.range(lo, hi)) : rng.pick(NUMBERS));
const maybeQuote = (rng: Rng, s: string) => (rng.chance(0.1) ? `"${s}"` : rng.chance(0.03) ? `'${s}'` : s);

export interface NodeAddresses {
  readonly src: string;
  readonly peers: string[];
  readonly vips: string[];
  readonly state: 'MASTER' | 'BACKUP';
  readonly priority: number;
}

/** A keepalived config in the shapes people write: global_defs, scripts, instances, sync groups. */
export function genKeepalived(rng: Rng, node: NodeAddresses, name = 'lb1'): string {
  const ind = rng.pick(['    ', '\t', '  ', '']);
  const out: string[] = [];
  const open = (head: string) => out.push(rng.chance(0.1) ? `${head}\n{` : `${head} {`);
  if (rng.chance(0.3)) out.push(rng.pick(['! Configuration File for keepalived', '# managed by ansible', '{# jinja comment #}']));
  if (rng.chance(0.2)) out.push(`$VIP=${node.vips[0] ?? v4(rng)}`, rng.chance(0.5) ? `@${name} $PRIO=${node.priority}` : `$PRIO=${node.priority}`);
  if (rng.chance(0.8)) {
    open('global_defs');
    if (rng.chance(0.8)) out.push(`${ind}router_id ${maybeQuote(rng, rng.pick([name, `${name}-01`, 'LVS_MASTER', 'node_master', '{{ inventory_hostname }}', '$NAME']))}`);
    if (rng.chance(0.5)) out.push(`${ind}enable_script_security`);
    if (rng.chance(0.4)) out.push(`${ind}script_user ${rng.pick(['root', 'keepalived_script', 'nobody nogroup'])}`);
    if (rng.chance(0.2)) out.push(`${ind}vrrp_version ${rng.pick(['2', '3', '4'])}`);
    out.push('}');
  }
  const scripts: string[] = [];
  for (let i = rng.int(3); i > 0; i--) {
    const s = `chk_${rng.pick(['haproxy', 'nginx', 'api', 'x'])}${i}`;
    scripts.push(s);
    open(`vrrp_script ${s}`);
    out.push(`${ind}script ${maybeQuote(rng, rng.pick(['"/usr/bin/killall -0 haproxy"', '/bin/true', '"pidof haproxy"', '"curl -sf http://127.0.0.1/"']))}`);
    out.push(`${ind}interval ${num(rng, 1, 5)}`);
    if (rng.chance(0.7)) out.push(`${ind}weight ${rng.chance(0.8) ? rng.pick(['-2', '-20', '-50', '2', '20', '-1', '1', '0', '-253', '254']) : rng.pick(NUMBERS)}`);
    if (rng.chance(0.5)) out.push(`${ind}fall ${num(rng, 1, 3)}`, `${ind}rise ${num(rng, 1, 3)}`);
    out.push('}');
  }
  const instances = rng.chance(0.8) ? 1 : rng.range(0, 3);
  const names: string[] = [];
  for (let i = 0; i < instances; i++) {
    const iname = rng.pick(['VI_1', 'VI_2', 'K8S_API', 'VI_1', 'vip-{{ x }}', 'A']);
    names.push(iname);
    const pre = rng.chance(0.05) ? rng.pick(['@lb1 ', '@^lb1 ']) : '';
    open(`${pre}vrrp_instance ${iname}`);
    if (rng.chance(0.9)) out.push(`${ind}state ${rng.chance(0.9) ? node.state : rng.pick(['master', 'FAULT', '"MASTER"', 'BACKUP extra'])}`);
    out.push(`${ind}interface ${rng.pick(['eth0', 'ens192', 'eth1', '{{ iface }}'])}`);
    out.push(`${ind}virtual_router_id ${rng.chance(0.9) ? String(51 + i) : num(rng, 0, 300)}`);
    if (rng.chance(0.9)) out.push(`${ind}priority ${rng.chance(0.85) ? String(node.priority) : rng.pick([...NUMBERS, '$PRIO', '${PRIO}', '{{ prio }}'])}`);
    if (rng.chance(0.7)) out.push(`${ind}advert_int ${rng.pick(['1', '1', '2', '0.5', '0', '300', 'x'])}`);
    if (rng.chance(0.15)) out.push(`${ind}nopreempt`);
    if (rng.chance(0.1)) out.push(`${ind}preempt_delay ${num(rng, 0, 100)}`);
    if (rng.chance(0.1)) out.push(`${ind}native_ipv6`);
    if (rng.chance(0.6)) {
      if (rng.chance(0.9)) out.push(`${ind}unicast_src_ip ${node.src}`);
      const peers = node.peers.slice(0, rng.chance(0.9) ? node.peers.length : rng.int(node.peers.length + 1));
      if (rng.chance(0.15)) out.push(`${ind}unicast_peer { ${peers.join(' ')} }`);
      else {
        out.push(`${ind}unicast_peer {`);
        for (const p of peers) out.push(`${ind}${ind}${p}${rng.chance(0.05) ? ' min_ttl 1' : ''}`);
        out.push(`${ind}}`);
      }
    }
    if (rng.chance(0.6)) {
      out.push(`${ind}authentication {`, `${ind}${ind}auth_type ${rng.chance(0.9) ? 'PASS' : rng.pick(['AH', 'pass', 'NONE'])}`, `${ind}${ind}auth_pass ${rng.pick(['secret', 'k8s-vip-2024', '12345678', '"a b c"', "'q'", '$PASS'])}`, `${ind}}`);
    }
    if (rng.chance(0.9)) {
      out.push(`${ind}virtual_ipaddress {`);
      for (const v of node.vips) out.push(`${ind}${ind}${v}${rng.chance(0.3) ? rng.pick(['/24', '/32', '/64', '/33', '']) : ''}${rng.chance(0.3) ? ` dev ${rng.pick(['eth0', 'eth1'])}` : ''}${rng.chance(0.1) ? ' label eth0:1' : ''}`);
      out.push(`${ind}}`);
    }
    if (scripts.length > 0 && rng.chance(0.8)) {
      out.push(`${ind}track_script {`);
      for (const s of scripts) out.push(`${ind}${ind}${rng.chance(0.9) ? s : 'chk_missing'}${rng.chance(0.3) ? ` weight ${rng.pick(['-2', '-30', '10', '-254', 'x'])}` : ''}`);
      out.push(`${ind}}`);
    }
    if (rng.chance(0.1)) out.push(`${ind}track_interface {`, `${ind}${ind}eth0 weight -10`, `${ind}}`);
    if (rng.chance(0.1)) out.push(`${ind}notify_master "/etc/keepalived/notify.sh MASTER"`);
    out.push('}');
  }
  if (names.length > 1 && rng.chance(0.3)) {
    open('vrrp_sync_group G1');
    out.push(`${ind}group {`, ...names.map((n) => `${ind}${ind}${n}`), `${ind}}`, '}');
  }
  if (rng.chance(0.1)) out.push('virtual_server 192.0.2.100 443 {', `${ind}delay_loop 6`, `${ind}lb_algo rr`, `${ind}real_server 192.0.2.21 443 {`, `${ind}${ind}TCP_CHECK {`, `${ind}${ind}${ind}connect_timeout 3`, `${ind}${ind}}`, `${ind}}`, '}');
  return out.join('\n') + (rng.chance(0.95) ? '\n' : '');
}

/** A HAProxy config: global, defaults, frontends binding VIPs or the node's own address, backends, listens. */
export function genHaproxy(rng: Rng, node: NodeAddresses): string {
  const ind = rng.pick(['    ', '\t', '  ']);
  const out: string[] = [];
  const backends = ['be_api', 'be_web', 'be_tcp', 'be_api'].slice(0, rng.range(1, 4));
  if (rng.chance(0.8)) {
    out.push('global', `${ind}log /dev/log local0`, `${ind}maxconn ${num(rng, 100, 100000)}`);
    if (rng.chance(0.3)) out.push(`${ind}stats socket /run/haproxy/admin.sock mode 660 level admin`);
    if (rng.chance(0.2)) out.push('.if defined(HAPROXY_LOCALPEER)', `${ind}nbthread 4`, '.else', `${ind}nbthread 2`, '.endif');
    if (rng.chance(0.2)) out.push(`${ind}setenv VIP ${node.vips[0] ?? v4(rng)}`);
  }
  if (rng.chance(0.9)) {
    out.push(rng.chance(0.9) ? 'defaults' : rng.pick(['defaults named', 'defaults tcp from named']), `${ind}mode ${rng.pick(['http', 'tcp', 'http', 'health'])}`);
    for (const t of ['client', 'connect', 'server']) if (rng.chance(0.8)) out.push(`${ind}timeout ${t} ${rng.pick(['5s', '30s', '1m', '10000', 'x'])}`);
    if (rng.chance(0.3)) out.push(`${ind}option ${rng.pick(HAPROXY_OPTIONS)}`);
  }
  for (let i = rng.range(0, 3); i > 0; i--) {
    out.push(`frontend ${rng.pick(['fe_api', 'fe_web', 'fe-{{ x }}', 'fe_api', 'a b', 'fe.1'])}`);
    const binds = rng.range(0, 3);
    for (let b = 0; b < binds; b++) {
      const host = rng.pick([node.vips[0]?.replace(/\/.*/, '') ?? v4(rng), node.src, '*', '', '::', anyIp(rng), '${VIP}', '"${VIP}"', '{{ vip }}', `ipv4@${node.src}`, `[${v6(rng)}]`]);
      out.push(`${ind}bind ${host}:${rng.pick(['80', '443', '6443', '8080-8090', 'x'])}${rng.chance(0.3) ? ` ${rng.pick(HAPROXY_BIND_PARAMS)} ${rng.chance(0.5) ? rng.pick(['h2,http/1.1', '/etc/ssl/x.pem', '1']) : ''}` : ''}`);
    }
    out.push(`${ind}mode ${rng.pick(['http', 'tcp'])}`);
    if (rng.chance(0.5)) out.push(`${ind}acl is_api ${rng.pick(HAPROXY_FETCHES)} ${rng.pick(['-i', '-m beg', ''])} /api`);
    if (rng.chance(0.5)) out.push(`${ind}use_backend ${rng.pick([...backends, 'be_missing', '%[req.hdr(host)]'])} if ${rng.pick(['is_api', 'undefined_acl', '!is_api', '{ path_beg /x }', 'is_api || TRUE'])}`);
    if (rng.chance(0.4)) out.push(`${ind}http-request ${rng.pick(HAPROXY_ACTIONS)} ${rng.chance(0.5) ? 'if is_api' : ''}`);
    if (rng.chance(0.8)) out.push(`${ind}default_backend ${rng.pick([...backends, 'be_missing'])}`);
  }
  for (const be of backends) {
    out.push(`backend ${be}`);
    if (rng.chance(0.5)) out.push(`${ind}mode ${rng.pick(['http', 'tcp'])}`);
    if (rng.chance(0.5)) out.push(`${ind}balance ${rng.pick(['roundrobin', 'leastconn', 'source', 'uri whole'])}`);
    if (rng.chance(0.3)) out.push(`${ind}option httpchk GET /healthz`);
    for (let s = rng.range(0, 3); s > 0; s--) {
      out.push(`${ind}server ${rng.pick(['s1', 's2', 's1', 'web-{{ i }}'])} ${anyIp(rng)}:${rng.pick(['80', '6443', '8080'])}${rng.chance(0.5) ? ` ${rng.pick(HAPROXY_SERVER_PARAMS)}` : ''}${rng.chance(0.5) ? ' check' : ''}`);
    }
  }
  if (rng.chance(0.3)) out.push('listen stats', `${ind}bind ${rng.pick(['*:8404', `${node.src}:8404`, ':8404'])}`, `${ind}stats enable`, `${ind}stats uri /stats`);
  return out.join('\n') + (rng.chance(0.95) ? '\n' : '');
}

function genSoup(rng: Rng, language: Language): string {
  const lines: string[] = [];
  const n = rng.small(60) * rng.small(3);
  for (let i = 0; i < n; i++) {
    lines.push(
      rng.weighted<() => string>([
        [3, () => (language === 'haproxy' ? rng.pick(HAPROXY_SECTIONS) + (rng.chance(0.7) ? ` ${randomWord(rng)}` : '') : `${rng.pick(KEEPALIVED_BLOCKS)} ${rng.chance(0.5) ? randomWord(rng) + ' ' : ''}{`)],
        [6, () => `${rng.pick(['  ', '\t', ''])}${rng.pick(language === 'haproxy' ? HAPROXY_KEYWORDS : KEEPALIVED_KEYWORDS)} ${Array.from({ length: rng.int(4) }, () => randomWord(rng)).join(' ')}`],
        [1, () => (language === 'haproxy' ? `  option ${rng.pick(HAPROXY_OPTIONS)}` : '}')],
        [1, () => (language === 'haproxy' ? `  timeout ${rng.pick(HAPROXY_TIMEOUTS)} ${rng.pick(NUMBERS)}` : rng.pick(IPS))],
        [2, () => randomLine(rng)],
        [1, () => rng.pick(SPECIAL_LINES)],
      ])(),
    );
  }
  return lines.join(rng.chance(0.9) ? '\n' : rng.pick(['\r\n', '\r'])) + (rng.chance(0.8) ? '\n' : '');
}

/** Token soup as a fast-check arbitrary: fast-check shrinks failures to the fewest, simplest tokens. */
export function soupArbitrary(language: Language): fc.Arbitrary<string> {
  const keywords = language === 'haproxy' ? [...HAPROXY_SECTIONS, ...HAPROXY_KEYWORDS] : [...KEEPALIVED_BLOCKS, ...KEEPALIVED_KEYWORDS];
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keywords) },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL, ...NUMBERS, ...IPS, ...PROTOTYPE_NAMES) },
    { weight: 2, arbitrary: fc.constantFrom(' ', ' ', '\n', '\n', '\t', '{', '}', '"') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_LINES).map((l) => `\n${l}\n`) },
  );
  return fc.array(token, { maxLength: 80 }).map((ts) => ts.join(''));
}

// ---------------------------------------------------------------------------------------------------------------
// Workspaces

function addresses(rng: Rng, count: number): NodeAddresses[] {
  const six = rng.chance(0.15);
  const ips = six ? ['2001:db8::11', '2001:db8::12', '2001:db8::13'] : ['192.0.2.11', '192.0.2.12', '192.0.2.13'];
  const vips = six ? ['2001:db8::100'] : rng.chance(0.3) ? ['192.0.2.100', '192.0.2.101'] : ['192.0.2.100'];
  const base = rng.pick([100, 110, 120, 150, 254, 255, 1]);
  return Array.from({ length: count }, (_, i) => ({
    src: ips[i]!,
    peers: ips.slice(0, count).filter((_, j) => j !== i),
    vips: rng.chance(0.9) ? vips : [anyIp(rng)],
    state: i === 0 ? (rng.chance(0.9) ? 'MASTER' : 'BACKUP') : rng.chance(0.9) ? 'BACKUP' : 'MASTER',
    priority: rng.chance(0.9) ? base - i * rng.pick([10, 1, 0, 20]) : rng.range(0, 300),
  }));
}

/** Includes in every shape keepalived allows, including ones that loop back. */
function includeGraph(rng: Rng, dir: string, files: FuzzFile[]): string[] {
  const lines: string[] = [];
  const n = rng.range(1, 4);
  for (let i = 0; i < n; i++) {
    const name = `${dir}/conf.d/${rng.pick(['a', 'b', 'c', 'vips', 'scripts'])}${i}.conf`;
    const body = rng.weighted<() => string>([
      [3, () => genKeepalived(rng, addresses(rng, 2)[0]!).split('\n').slice(rng.int(10), 10 + rng.int(40)).join('\n') + '\n'],
      [2, () => `include ${rng.pick(['*.conf', './*.conf', `${name.slice(name.lastIndexOf('/') + 1)}`, '../keepalived.conf', '../*/keepalived.conf', `/w/${rng.pick(['lb1', 'lb2'])}/conf.d/*.conf`, '{a,b,c}*.conf', '[ab]*', '**/*.conf'])}\n`],
      [1, () => `vrrp_script chk_inc {\n  script /bin/true\n  include ${rng.pick(['*.conf', '../conf.d/*'])}\n}\n`],
      [1, () => '}\n'],
      [1, () => genSoup(rng, 'keepalived')],
    ])();
    files.push({ path: name, text: body });
    lines.push(rng.pick([`include conf.d/${name.slice(name.lastIndexOf('/') + 1)}`, 'include conf.d/*.conf', 'include ./conf.d/*', 'include conf.d/{a,b,c}*.conf', `include ${name}`]));
  }
  if (rng.chance(0.2)) lines.push(rng.pick(['include keepalived.conf', 'include ./keepalived.conf', 'include *.conf', 'include ../lb2/keepalived.conf', 'include /etc/keepalived/x.conf', 'include ../../outside.conf', 'include $X/x.conf', 'include missing.conf']));
  return lines;
}

function manifest(rng: Rng, nodes: string[]): string {
  return rng.weighted<() => string>([
    [4, () => JSON.stringify({ clusters: [{ name: 'c', nodes: nodes.map((n, i) => ({ name: n, keepalived: `${n}/keepalived.conf`, haproxy: [`${n}/haproxy.cfg`], ...(rng.chance(0.2) ? { configId: `lb${i + 1}` } : {}) })) }] }, null, rng.chance(0.5) ? 2 : undefined)],
    [1, () => rng.pick(['null', '[]', '{}', '1', '"x"', '{"clusters":null}', '{"clusters":[null]}', '{"clusters":[1,2]}', '{"clusters":[{"nodes":null}]}', '{"clusters":[{"nodes":[null]}]}', '{"clusters":[{"nodes":[{"keepalived":1}]}]}'])],
    [2, () => JSON.stringify({ clusters: [{ name: rng.pick([1, null, 'x', {}]), nodes: nodes.map((n) => ({ name: rng.pick([n, 3, null, undefined]), keepalived: rng.pick([`${n}/keepalived.conf`, '../x.conf', '/abs/keepalived.conf', '', '.']), haproxy: rng.pick([[`${n}/haproxy.cfg`], `${n}/haproxy.cfg`, null, [1], [null], {}, 'x', undefined]), configId: rng.pick([undefined, 'lb1', 1, null, '']) })) }] })],
    [1, () => mutate(JSON.stringify({ clusters: [{ nodes: nodes.map((n) => ({ keepalived: `${n}/keepalived.conf`, haproxy: [`${n}/haproxy.cfg`] })) }] }), rng, 3).text],
  ])();
}

function genWorkspace(rng: Rng, seeds: Seeds): { files: FuzzFile[]; origin: string } {
  const files: FuzzFile[] = [];
  let origin: string;
  if (seeds.workspaces.length > 0 && rng.chance(0.4)) {
    const ws = rng.pick(seeds.workspaces);
    origin = `workspace ${ws.name}`;
    for (const f of ws.files) files.push({ path: `${ROOT}/${f.rel}`, text: f.text });
  } else {
    const count = rng.chance(0.85) ? 2 : rng.pick([1, 3]);
    const addrs = addresses(rng, count);
    const layout = rng.pick(['lbN', 'lbN', 'etc', 'flat']);
    origin = `generated pair (${count} nodes, ${layout} layout)`;
    const names = addrs.map((_, i) => `lb${i + 1}`);
    addrs.forEach((a, i) => {
      const n = names[i]!;
      const kdir = layout === 'lbN' ? `${ROOT}/${n}` : layout === 'etc' ? `${ROOT}/${n}/etc/keepalived` : ROOT;
      const hdir = layout === 'lbN' ? `${ROOT}/${n}` : layout === 'etc' ? `${ROOT}/${n}/etc/haproxy` : ROOT;
      const kname = layout === 'flat' ? `keepalived-${i === 0 ? 'master' : `backup${i}`}.conf` : 'keepalived.conf';
      let k = genKeepalived(rng, a, n);
      if (rng.chance(0.3)) k += includeGraph(rng, kdir, files).join('\n') + '\n';
      files.push({ path: `${kdir}/${kname}`, text: k });
      if (rng.chance(0.85) && !(layout === 'flat' && i > 0)) files.push({ path: `${hdir}/haproxy.cfg`, text: genHaproxy(rng, a) });
    });
    if (rng.chance(0.15)) files.push({ path: `${ROOT}/hapair.json`, text: manifest(rng, names) });
  }
  if (rng.chance(0.05)) files.push({ path: `${ROOT}/lb1/keepalived.conf.bin`, text: 'global_defs {\0}' });
  // Two include graphs may pick the same name: the last one written wins, as on a disk.
  const byPath = new Map(files.map((f) => [f.path, f]));
  return { files: [...byPath.values()], origin };
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

const SINGLE_PATHS: Record<Language, string[]> = {
  haproxy: [`${ROOT}/haproxy.cfg`, `${ROOT}/lb1/haproxy.cfg`, `${ROOT}/templates/haproxy.cfg.j2`, `${ROOT}/x.cfg`, `${ROOT}/haproxy/api.cfg`, 'untitled:Untitled-1'],
  keepalived: [`${ROOT}/keepalived.conf`, `${ROOT}/lb1/keepalived.conf`, `${ROOT}/templates/keepalived.conf.j2`, `${ROOT}/x.conf`, `${ROOT}/keepalived/keepalived.conf`, 'untitled:Untitled-1'],
};

function pickCursor(rng: Rng, text: string): number {
  return rng.weighted<() => number>([
    [1, () => 0],
    [1, () => text.length],
    [6, () => rng.int(text.length + 1)],
  ])();
}

function peerOptions(rng: Rng): FuzzCase['peer'] {
  if (rng.chance(0.6)) return {};
  return {
    ...(rng.chance(0.5) ? { srcIp: rng.pick(['192.0.2.12', '192.0.2.13', '2001:db8::12', 'x', '', '192.0.2.11']) } : {}),
    ...(rng.chance(0.4) ? { peerIp: rng.pick(['192.0.2.11', '2001:db8::11', 'nope', '']) } : {}),
    ...(rng.chance(0.3) ? { priority: rng.pick([1, 50, 100, 110, 254, 255, 0, -1, 1.5, Number.NaN]) } : {}),
  };
}

/** The fast-check soup arbitraries, sampled one value at a time with a seed taken from the case's Rng. */
const soupArbs: Record<Language, fc.Arbitrary<string>> = { haproxy: soupArbitrary('haproxy'), keepalived: soupArbitrary('keepalived') };

export function generateCase(rng: Rng, seeds: Seeds): FuzzCase {
  const language: Language = rng.chance(0.5) ? 'haproxy' : 'keepalived';
  const languageSeeds = seeds.files.filter((s) => s.language === language);
  const strategy = rng.weighted<string>([
    [40, 'mutate'],
    [8, 'splice'],
    [8, 'soup'],
    [5, 'fc-soup'],
    [12, 'generated'],
    [3, 'ascii'],
    [24, 'workspace'],
  ]);
  let files: FuzzFile[] = [];
  let main: string;
  let origin: string;
  let discover = rng.chance(0.3);
  let mainLanguage = language;

  if (strategy === 'workspace') {
    const w = genWorkspace(rng, seeds);
    files = w.files;
    origin = w.origin;
    discover = rng.chance(0.85);
    const configs = files.filter((f) => /\.(cfg|conf|j2)$/.test(f.path));
    const target = rng.pick(configs.length ? configs : files);
    main = target.path;
    mainLanguage = /\.cfg(\.j2)?$/.test(main) || main.includes('haproxy') ? 'haproxy' : 'keepalived';
    if (rng.chance(0.05)) mainLanguage = mainLanguage === 'haproxy' ? 'keepalived' : 'haproxy';
    // Mutate one or more of the files.
    const mutations: string[] = [];
    for (let k = rng.range(0, 2); k >= 0; k--) {
      const i = k === 0 ? files.findIndex((f) => f.path === main) : rng.int(files.length);
      if (i < 0 || rng.chance(0.25)) continue;
      const m = mutate(files[i]!.text, rng, 5);
      files[i] = { ...files[i]!, text: m.text };
      mutations.push(`${files[i]!.path.slice(ROOT.length + 1)}: ${m.applied.join(',')}`);
    }
    if (mutations.length) origin += `; ${mutations.join('; ')}`;
  } else {
    let text: string;
    if (strategy === 'mutate') {
      const seed = rng.pick(languageSeeds.length ? languageSeeds : seeds.files);
      const m = mutate(seed.text, rng);
      text = m.text;
      origin = `mutate ${seed.name}: ${m.applied.join(',')}`;
    } else if (strategy === 'splice') {
      const parts: string[] = [];
      const names: string[] = [];
      for (let k = rng.range(2, 3); k > 0; k--) {
        const seed = rng.pick(rng.chance(0.8) && languageSeeds.length ? languageSeeds : seeds.files);
        const lines = splitLines(seed.text);
        const at = rng.int(lines.length);
        parts.push(lines.slice(at, at + rng.small(80)).join(''));
        names.push(seed.name);
      }
      text = parts.join(rng.chance(0.5) ? '\n' : '');
      origin = `splice ${names.join(' + ')}`;
    } else if (strategy === 'soup') {
      text = genSoup(rng, language);
      origin = `keyword soup (${language})`;
    } else if (strategy === 'fc-soup') {
      const seed = rng.u32() | 0;
      text = fc.sample(soupArbs[language], { seed, numRuns: 1 })[0]!;
      origin = `fast-check soup (${language}, fc seed ${seed})`;
    } else if (strategy === 'generated') {
      const [a] = addresses(rng, 2);
      text = language === 'haproxy' ? genHaproxy(rng, a!) : genKeepalived(rng, a!);
      origin = `generated ${language}`;
      if (rng.chance(0.5)) {
        const m = mutate(text, rng, 4);
        text = m.text;
        origin += `: ${m.applied.join(',')}`;
      }
    } else {
      text = randomChars(rng, rng.small(200) * rng.small(8));
      origin = 'random characters';
    }
    main = rng.pick(SINGLE_PATHS[language]);
    files.push({ path: main, text, binary: rng.chance(0.3) ? false : undefined });
    // Sometimes give the file neighbours it can include (itself among them), or a peer folder.
    if (language === 'keepalived' && main.startsWith('/') && rng.chance(0.2)) {
      const dir = main.slice(0, main.lastIndexOf('/'));
      for (const line of includeGraph(rng, dir, files)) files[0] = { ...files[0]!, text: files[0]!.text + (rng.chance(0.5) ? '\n' : '') + line + '\n' };
    }
  }
  const text = files.find((f) => f.path === main)!.text;
  return {
    files,
    main,
    language: mainLanguage,
    discover: discover && main.startsWith('/'),
    cursor: pickCursor(rng, text),
    peer: peerOptions(rng),
    ...(rng.chance(0.2) ? { versions: { haproxy: rng.pick(HAPROXY_VERSIONS), keepalived: rng.pick(KEEPALIVED_VERSIONS) } } : {}),
    ...(rng.chance(0.1) ? { recheck: true } : {}),
    ...(rng.chance(0.3) ? { edits: true } : {}),
    choice: rng.u32(),
    origin,
  };
}
