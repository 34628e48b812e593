/**
 * Words the generators draw from: every keyword hapair knows (server/src/knowledge), and the tokens that are
 * special to one of the two readers or to Jinja, or that tend to break offset arithmetic.
 */
import { BLOCKS } from '../../server/src/knowledge/keepalived/keywords.js';
import { inventory } from '../../scripts/grammars/haproxy.js';

const H = inventory();

const uniq = (xs: Iterable<string>) => [...new Set(xs)].filter((x) => x.length > 0).sort();

export const HAPROXY_SECTIONS = uniq(Object.keys(H.sectionHeaders));
export const HAPROXY_KEYWORDS = uniq([
  ...Object.keys(H.proxy),
  ...Object.values(H.sections).flatMap((s) => Object.keys(s.keywords)),
  ...Object.keys(H.actions),
]);
export const HAPROXY_OPTIONS = uniq(Object.keys(H.options));
export const HAPROXY_TIMEOUTS = uniq(Object.keys(H.timeouts));
export const HAPROXY_BIND_PARAMS = uniq(Object.keys(H.bindParams));
export const HAPROXY_SERVER_PARAMS = uniq(Object.keys(H.serverParams));
export const HAPROXY_ACTIONS = uniq(Object.values(H.actions).flatMap((a) => Object.keys(a).map((k) => k.replace(/\*$/, ''))));
export const HAPROXY_FETCHES = uniq([...Object.keys(H.fetches), ...Object.keys(H.converters), ...H.predefinedAcls]);
export const HAPROXY_DIRECTIVES = uniq(H.conditionalDirectives);

export const KEEPALIVED_BLOCKS = uniq(Object.values(BLOCKS).flatMap((b) => b.keywords.filter((k) => k.opens).map((k) => k.name)));
export const KEEPALIVED_KEYWORDS = uniq(Object.values(BLOCKS).flatMap((b) => b.keywords.map((k) => k.name)));

/** Values that sit on number and address edges. */
export const NUMBERS = ['0', '1', '-1', '2', '10', '50', '99', '100', '101', '110', '120', '150', '253', '254', '255', '256', '-253', '-254', '+5', '0.01', '0.001', '3.5', '1e3', '1e999', 'NaN', '0x10', '010', '4294967295', '4294967296', '99999999999999999999', '-0', '1s', '5m', '30000ms', '1d'];
export const IPS = [
  '192.0.2.1', '192.0.2.2', '192.0.2.11', '192.0.2.12', '192.0.2.100', '192.0.2.100/24', '192.0.2.100/32', '192.0.2.100/33', '10.0.0.1', '0.0.0.0', '255.255.255.255', '256.1.1.1',
  '1.2.3', '01.2.3.4', '2001:db8::1', '2001:db8::2', '2001:db8::100/64', '[2001:db8::1]', '::', '::1', 'fe80::1%eth0', '2001:db8:::1', '::ffff:192.0.2.1', '*', 'localhost', 'lb1.example.com',
  '192.0.2.100:80', '192.0.2.100:443', ':80', '*:443', '[::]:443', 'ipv4@192.0.2.11:80', 'ipv6@[2001:db8::1]:443', 'unix@/run/x.sock', '/run/haproxy.sock', 'abns@x', 'fd@3', '192.0.2.1-5', '192.0.2.100:80-90',
];

/** Names every JavaScript object has: a word looked up in a plain object instead of a Map finds these. */
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/** Tokens with a meaning to one of the readers, to Jinja, or to offset arithmetic. */
export const SPECIAL = [
  '{', '}', '}}', '{{', '{ }', '"', "'", '""', '\\', '\\"', '\\#', '\\!', '#', '!', '# comment', '! comment',
  '{{ var }}', '{{ x | default("a b") }}', '{%', '%}', '{% if a %}', '{% else %}', '{% endif %}', '{% for h in hosts %}', '{% endfor %}', '{#', '#}', '{# c #}', '{{', '}}', '{%-', '-%}',
  '$NAME', '${X}', '${X', '$', '$$', '$1', '"${VIP}"', '$VIP', '${VIP}:80', '@lb1 ', '@^lb1 ', '@', '@^', '~SEQ(i,1,3)', '~LST(a,b)', '~SEQ(',
  'include *.conf', 'include ./conf.d/*.conf', 'include {a,b}.conf', 'include', '.if', '.elif', '.else', '.endif', '.if defined(X)', '.notice "x"', '.diag', '.warning',
  '\t', ' ', '  ', '\r', '\n', '\r\n', '\n\n', '\0', '\v', '\f', '\u00a0', '\ufeff', '\u2028', '\u2029', '\ud800', '\udc00', '\udbff\udfff', '😀', 'é', '\u0301', '\uffff', '\x7f', '\x1b[0m',
  '"unterminated', "'unterminated", '"a b"', "'a b'", '"a\\"b"', '\\\n', '\\\r\n', '#}', '}{', '{{{', '}}}',
];

/** Whole lines that drive specific code paths. */
export const SPECIAL_LINES = [
  'include *', 'include *.conf', 'include /etc/keepalived/*.conf', 'include ../*/keepalived.conf', 'include ./keepalived.conf', 'include ../lb1/keepalived.conf', 'include conf.d/{a,b,c}.conf', 'include conf.d/[ab]*.conf',
  'include "$FILE"', 'include {{ path }}', 'include /outside/x.conf', 'include ..', 'include .', 'include /', 'include **', 'include {,,,}', 'include {{{{', 'include [', 'include [!a]',
  '$VIP=192.0.2.100', '$NAME=value with spaces', '$X=${X}', '$Y=$Y$Y$Y', '$LONG=a \\', '@lb1 $PRIO=110', '@^lb1 $PRIO=100', '$EMPTY=',
  '.if defined(HAPROXY_LOCALPEER)', '.if streq("a","b")', '.elif 1', '.else', '.endif', '.if', '.endif extra', '.notice "hello"', '.alert', '.if !defined(X) || version_atleast(2.8)',
  '{% if inventory_hostname == "lb1" %}', '{% else %}', '{% endif %}', '{% for s in servers %}', '{% endfor %}', '{% raw %}', '{% endraw %}', '{#- comment -#}', '{{ ansible_host }}',
  'global', 'defaults', 'frontend fe', 'backend be', 'listen li', 'frontend', 'backend', 'resolvers dns', 'peers p', 'userlist u', 'global_defs {', 'vrrp_instance VI_1 {', 'vrrp_script chk {', 'virtual_server 192.0.2.1 80 {', '}', '}}', '{',
];
