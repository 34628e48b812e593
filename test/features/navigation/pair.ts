// A two-node pair for cross-file navigation tests: lb1 (MASTER) and lb2 (BACKUP) with one instance sharing the VIP
// 192.0.2.10, a health-check script, a sync group, and HAProxy files binding the VIP.
const keepalived = (node: string, state: string, priority: number) => `global_defs {
    router_id ${node}
}

vrrp_script chk_haproxy {
    script "/usr/bin/killall -0 haproxy"
    interval 2
    weight -20
}

vrrp_instance VI_API {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    virtual_ipaddress {
        192.0.2.10/24 dev eth0
    }
    track_script {
        chk_haproxy
    }
}

vrrp_sync_group SG {
    group {
        VI_API
    }
}
`;

const HAPROXY = `frontend api
    bind 192.0.2.10:6443
    default_backend api

backend api
    server cp1 198.51.100.11:6443 check
`;

export const PAIR: Readonly<Record<string, string>> = {
  'lb1/keepalived.conf': keepalived('lb1', 'MASTER', 110),
  'lb2/keepalived.conf': keepalived('lb2', 'BACKUP', 100),
  'lb1/haproxy.cfg': HAPROXY,
  'lb2/haproxy.cfg': HAPROXY,
};

/** The pair with a cursor put into one file: at the `nth` occurrence (0-based) of `needle`, `shift` characters in. */
export function pairWithCursor(rel: string, needle: string, shift = 1, nth = 0, files: Readonly<Record<string, string>> = PAIR): Record<string, string> {
  const text = files[rel]!;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at === -1) throw new Error(`'${needle}' not in ${rel}`);
  return { ...files, [rel]: text.slice(0, at + shift) + '‸' + text.slice(at + shift) };
}
