// The client of the failover test, run inside the lab's client namespace:
//   node client.mjs URL [USER:PASSWORD]
// Prints one JSON line: { status, body } on an answer, { error } otherwise (2 s timeout). Exit 0 either way.
import { request } from 'node:http';

const [url, auth] = process.argv.slice(2);
const started = Date.now();
const done = (result) => {
  process.stdout.write(`${JSON.stringify({ ...result, ms: Date.now() - started })}\n`);
  process.exit(0);
};
const req = request(url, { agent: false, timeout: 2000, headers: { Connection: 'close', ...(auth ? { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {}) } }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c) => (body += c));
  res.on('end', () => done({ status: res.statusCode, body }));
  res.on('error', (e) => done({ error: e.message }));
});
req.on('timeout', () => req.destroy(new Error('timeout after 2000 ms')));
req.on('error', (e) => done({ error: `${e.code ?? ''} ${e.message}`.trim() }));
req.end();
