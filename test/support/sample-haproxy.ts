/**
 * A small HAProxy config for the completion and hover tests: global and defaults, a frontend that routes by
 * ACL (two lines for one name) and sets a header from a sample expression, two backends, a resolvers section.
 */
export const SAMPLE_HAPROXY = `global
    maxconn 20000

defaults
    mode http
    maxconn 3000
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe_main
    bind :80
    acl is_api path_beg /api
    acl is_api hdr(host) -m dom api.example.com
    use_backend be_api if is_api
    http-request set-header X-Client %[src,ipmask(24)]
    default_backend be_web

backend be_api
    balance leastconn
    option httpchk GET /healthz
    server api1 192.0.2.11:8080 check inter 3s
    server api2 192.0.2.12:8080 check backup

backend be_web
    server web1 192.0.2.21:80 check send-proxy-v2

resolvers dns
    nameserver ns1 192.0.2.53:53
`;
