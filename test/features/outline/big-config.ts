/** A valid HAProxy config of about `lines` lines: frontends with ACLs and routing, backends with servers, comment
 * blocks and `.if` blocks, for timing the outline features on a large file. */
export function bigHaproxyConfig(lines: number): string {
  const out = ['global', '    maxconn 50000', '', 'defaults', '    mode http', '    timeout client 30s', '    timeout connect 5s', '    timeout server 30s', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `# service ${i}`,
      `# owned by team ${i % 7}`,
      `frontend fe_${i}`,
      `    bind 192.0.2.${(i % 250) + 1}:${8000 + (i % 1000)}`,
      `    acl is_api path_beg /api/${i}`,
      `    acl is_static path_end .css .js`,
      `    http-request deny if !is_api { src 10.0.0.0/8 }`,
      `    use_backend be_${i}_api if is_api`,
      '.if version_atleast(2.8)',
      `    http-request set-header X-Service ${i}`,
      '.endif',
      `    default_backend be_${i}_web`,
      '',
      `backend be_${i}_api`,
      '    balance roundrobin',
      ...Array.from({ length: 4 }, (_, s) => `    server s${s} 198.51.100.${s + 1}:${9000 + i} check`),
      '',
      `backend be_${i}_web`,
      ...Array.from({ length: 3 }, (_, s) => `    server s${s} 203.0.113.${s + 1}:80 check`),
      '',
    );
  }
  return out.join('\n') + '\n';
}
