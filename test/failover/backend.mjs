// A stand-in for the servers behind HAProxy in the failover test, run inside a lab node:
//   node backend.mjs NODE ADDRESS:PORT...
// Listens on each ADDRESS:PORT (addresses the test put on the node's `lo`) and answers any HTTP
// request with a JSON line saying which node and which listener answered, and the client address
// HAProxy reported in a PROXY protocol header (v1 or v2; send-proxy-v2 in the configs), if any.
// Connections that close after the header (HAProxy's health checks) are fine. Prints "listening"
// once every listener is bound.
import { createServer } from 'node:net';

const [node, ...listeners] = process.argv.slice(2);
const SIG_V2 = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);

/** Parses a PROXY header at the start of buf: { length, client } | { length: 0 } (none) | undefined (need more bytes). */
function proxyHeader(buf) {
  if (buf.length >= 12 && buf.subarray(0, 12).equals(SIG_V2)) {
    if (buf.length < 16) return undefined;
    const len = buf.readUInt16BE(14);
    if (buf.length < 16 + len) return undefined;
    const cmd = buf[12] & 0x0f;
    const fam = buf[13];
    let client;
    if (cmd === 1 && fam === 0x11 && len >= 12) client = `${[...buf.subarray(16, 20)].join('.')}:${buf.readUInt16BE(24)}`;
    return { length: 16 + len, client, version: 2, command: cmd === 1 ? 'PROXY' : 'LOCAL' };
  }
  if (buf.length >= 6 && buf.subarray(0, 6).toString('latin1') === 'PROXY ') {
    const end = buf.indexOf('\r\n');
    if (end < 0) return buf.length > 107 ? { length: 0 } : undefined;
    const parts = buf.subarray(0, end).toString('latin1').split(' ');
    return { length: end + 2, client: parts[2] && parts[4] ? `${parts[2]}:${parts[4]}` : undefined, version: 1, command: parts[1] };
  }
  if (buf.length < 12 && SIG_V2.subarray(0, buf.length).equals(buf)) return undefined;
  return { length: 0 };
}

let pending = listeners.length;
for (const l of listeners) {
  const i = l.lastIndexOf(':');
  const host = l.slice(0, i);
  const port = Number(l.slice(i + 1));
  const server = createServer((sock) => {
    let buf = Buffer.alloc(0);
    let header;
    sock.on('error', () => {});
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (!header) {
        header = proxyHeader(buf);
        if (!header) return;
      }
      const request = buf.subarray(header.length).toString('latin1');
      if (!request.includes('\r\n\r\n')) return;
      const body = `${JSON.stringify({ node, listener: l, proxy: header.version ?? null, client: header.client ?? null, request: request.split('\r\n')[0] })}\n`;
      sock.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
  });
  server.on('error', (e) => {
    console.error(`cannot listen on ${l}: ${e.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    pending -= 1;
    if (pending === 0) console.log('listening');
  });
}
