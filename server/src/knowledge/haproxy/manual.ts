/**
 * Links into HAProxy's configuration manual at docs.haproxy.org, one page per version. The page anchors a
 * keyword as `<chapter>-<keyword>` (spaces as %20): proxy keywords, options and timeouts in 4.2, bind
 * parameters in 5.1, server parameters in 5.2, converters in 7.3.1. Global keywords and fetches are spread
 * over several chapters; manual-sections.json (generated from the 2.6 manual by
 * scripts/gen-haproxy-manual-sections.mjs) says which. Should a later manual have moved a keyword, the
 * browser opens the right page at its top: the link degrades, it does not break.
 */
import sections from './manual-sections.json' with { type: 'json' };
import { compareVersions, type HaproxyVersion } from '../versions.js';

/** Where a word is described: its kind, and for section keywords the section they belong to. */
export type ManualTopic =
  | { readonly kind: 'section'; readonly name: string }
  | { readonly kind: 'keyword'; readonly section: string; readonly name: string }
  | { readonly kind: 'bind' | 'server' | 'fetch' | 'converter'; readonly name: string }
  | { readonly kind: 'action'; readonly ruleset: string; readonly name: string };

const SECTION_CHAPTERS: Readonly<Record<string, string>> = {
  global: '3',
  defaults: '4',
  frontend: '4',
  backend: '4',
  listen: '4',
  userlist: '3.4',
  peers: '3.5',
  mailers: '3.6',
  program: '3.7',
  'http-errors': '3.8',
  ring: '3.9',
  'log-forward': '3.10',
  resolvers: '5.3.2',
  cache: '6.2.1',
  'fcgi-app': '10.1.1',
};

const PROXIES: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);
const GLOBAL_CHAPTERS = sections.global as Readonly<Record<string, string>>;
const FETCH_CHAPTERS = sections.fetches as Readonly<Record<string, string>>;

function anchor(topic: ManualTopic, version: HaproxyVersion): string | undefined {
  switch (topic.kind) {
    case 'section':
      return SECTION_CHAPTERS[topic.name];
    case 'keyword': {
      if (PROXIES.has(topic.section)) return `4.2-${topic.name}`;
      if (topic.section === 'global') {
        const first = topic.name.split(' ')[0]!;
        return `${GLOBAL_CHAPTERS[first] ?? (first.startsWith('tune.') ? '3.2' : '3.1')}-${topic.name}`;
      }
      const chapter = SECTION_CHAPTERS[topic.section];
      return chapter ? `${chapter}-${topic.name}` : undefined;
    }
    case 'bind':
      return `5.1-${topic.name}`;
    case 'server':
      return `5.2-${topic.name}`;
    case 'converter':
      return `7.3.1-${topic.name}`;
    case 'fetch': {
      const chapter = FETCH_CHAPTERS[topic.name];
      return chapter ? `${chapter}-${topic.name}` : '7.3';
    }
    case 'action':
      // 2.4 and 2.6 describe actions under their rule set; 2.8 and later have an actions reference (4.4).
      return compareVersions(version, '2.8') < 0 ? `4.2-${topic.ruleset.split(' ')[0]}` : `4.4-${topic.name}`;
  }
}

/** The manual page of `version`, at the topic's anchor when there is one. */
export function haproxyManualUrl(topic: ManualTopic, version: HaproxyVersion): string {
  const page = `https://docs.haproxy.org/${version}/configuration.html`;
  const a = anchor(topic, version);
  return a ? `${page}#${encodeURIComponent(a).replace(/%2F/g, '/')}` : page;
}
