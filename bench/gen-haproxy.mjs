// Generates a large, valid haproxy.cfg of realistic frontends, backends, ACLs and servers (documentation
// addresses only). Usage: node bench/gen-haproxy.mjs LINES OUT
import { writeFileSync } from 'node:fs';

const target = Number(process.argv[2] ?? 200000);
const outPath = process.argv[3] ?? 'haproxy-large.cfg';
const lines = ['global', '    maxconn 50000', '    log /dev/log local0', 'defaults', '    mode http', '    timeout connect 5s', '    timeout client 30s', '    timeout server 30s', ''];
for (let i = 0; lines.length < target; i++) {
  lines.push(
    `frontend fe${i}`,
    `    bind 192.0.2.${(i % 250) + 1}:${8000 + (i % 1000)}`,
    `    acl is_api${i} path_beg /api${i}`,
    `    acl host${i} hdr(host) -i app${i}.example.com`,
    '    http-request set-header X-Forwarded-Proto https if { ssl_fc }',
    `    use_backend be${i} if is_api${i} host${i}`,
    `    default_backend be${i}`,
    `backend be${i}`,
    '    balance roundrobin',
    '    option httpchk GET /healthz',
  );
  for (let s = 0; s < 4; s++) lines.push(`    server s${s} 198.51.100.${s + 1}:${9000 + (i % 1000)} check inter 2s fall 3 rise 2`);
  lines.push('');
}
writeFileSync(outPath, lines.join('\n') + '\n');
