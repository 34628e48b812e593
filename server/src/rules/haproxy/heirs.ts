/** The proxies that inherit from defaults sections, for the rules about how defaults sections are used. */
import type { HaproxyModel, Proxy } from '../../model/haproxy.js';
import type { HaproxyVersion } from '../../knowledge/versions.js';
import { branchActivity } from './conditions.js';

/**
 * Calls `visit` for each proxy (defaults sections included) that inherits from a named defaults section, in file
 * order, with that section and a state kept per section (made by `start` on its first heir). Only a named section
 * can be inherited both ways or hold rules its heirs inherit, which is what the callers check; most files have none,
 * and then no proxy is looked at (an edit of a file of thousands of proxies reruns these rules). Proxies under a
 * header HAProxy may skip are left out: their place in the chain is uncertain.
 */
export function forEachHeir<S>(model: HaproxyModel, target: HaproxyVersion, start: () => S, visit: (proxy: Proxy, defaults: Proxy, state: S) => void): void {
  if (!model.defaultsPlaces.some((place) => model.proxies[place]!.name !== '')) return;
  const activity = branchActivity(target);
  const states = new Map<Proxy, S>();
  for (let p = 0; p < model.proxies.length; p++) {
    const proxy = model.proxies[p]!;
    const d = proxy.defaults;
    if (!d?.name || activity(proxy.section.header.branch) !== 'on') continue;
    let state = states.get(d);
    if (state === undefined) states.set(d, (state = start()));
    visit(proxy, d, state);
  }
}
