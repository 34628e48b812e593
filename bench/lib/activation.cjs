// Extension activation, as VS Code measures it: require(dist/client.js) + activate(context), in a fresh Node
// process. The `vscode` module is a stub: a few concrete values (version, empty textDocuments, no folders)
// and, for everything else, a recording proxy whose properties and calls return more proxies. The language
// client's start() runs as far as it gets synchronously; the server process is NOT awaited (activate()
// returns before the server is up, in VS Code too). Prints one JSON line: { requireMs, activateMs, ... }.
// Usage: node bench/lib/activation.cjs DIST_DIR
'use strict';
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const dist = path.resolve(process.argv[2] || 'dist');
const touched = new Set();

function proxy(name) {
  const target = function () {};
  const children = new Map();
  return new Proxy(target, {
    get(t, prop) {
      if (prop === 'then') return undefined; // not a thenable
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (typeof prop === 'symbol') return undefined;
      if (prop === 'prototype') return t.prototype;
      if (prop === 'length') return 0;
      if (prop === 'name') return name;
      if (!children.has(prop)) children.set(prop, proxy(`${name}.${prop}`));
      return children.get(prop);
    },
    apply() {
      touched.add(`${name}()`);
      return proxy(`${name}()`);
    },
    construct() {
      touched.add(`new ${name}`);
      return proxy(`new ${name}`);
    },
  });
}

// Concrete values as own properties; everything else falls through the prototype chain to the proxies (the
// bundle's ESM interop copies own properties and keeps the module's prototype).
const base = proxy('vscode');
const withFallback = (own, fallback) => Object.create(fallback, Object.getOwnPropertyDescriptors(own));
const vscode = withFallback(
  {
    version: '1.91.0',
    workspace: withFallback({ textDocuments: [], workspaceFolders: undefined, name: undefined, isTrusted: true }, base.workspace),
    env: withFallback({ appName: 'Visual Studio Code', language: 'en', machineId: 'bench', sessionId: 'bench', uiKind: 1 }, base.env),
  },
  base,
);

const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};

const extensionPath = path.dirname(dist);
const context = {
  subscriptions: [],
  extensionPath,
  extensionMode: 1,
  asAbsolutePath: (rel) => path.join(extensionPath, rel),
  globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  storagePath: undefined,
  globalStoragePath: path.join(extensionPath, '.bench-storage'),
  logPath: path.join(extensionPath, '.bench-log'),
};

const out = (obj) => {
  fs.writeSync(1, JSON.stringify(obj) + '\n');
  process.exit(0);
};
process.on('unhandledRejection', () => undefined);

try {
  const t0 = performance.now();
  const ext = require(path.join(dist, 'client.js'));
  const t1 = performance.now();
  let api = ext.activate(context);
  const t2 = performance.now();
  // What activation defers: the language client library, loaded in the next turn (client/src/extension.ts).
  const clientLoad = () => {
    const before = performance.now();
    require(path.join(dist, 'language-client.js'));
    return performance.now() - before;
  };
  const finish = (t3) => out({ requireMs: t1 - t0, activateMs: t3 - t1, totalMs: t3 - t0, clientLoadMs: clientLoad(), returnedPromise: api !== undefined && typeof api.then === 'function', subscriptions: context.subscriptions.length, touched: [...touched].slice(0, 50) });
  if (api && typeof api.then === 'function') api.then(() => finish(performance.now()), (e) => out({ error: `activate() rejected: ${e && e.message}` }));
  else finish(t2);
} catch (e) {
  out({ error: `${e && e.stack ? e.stack.split('\n').slice(0, 4).join(' | ') : e}` });
}
