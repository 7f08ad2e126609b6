// Node preload for the Agents Playground (node -r ./loopback-only.cjs cli.js ...), written for this
// project. The Playground has no host flag and listens on every interface, and it tries to reach
// Azure (instance metadata, Application Insights) even with --disable-telemetry. This preload:
//   * forces every TCP listening socket onto 127.0.0.1;
//   * refuses every outgoing TCP connection that is not to a loopback address (ECONNREFUSED),
//     printing the refused destination once to stderr.
'use strict';
const net = require('net');

const LOOPBACK = '127.0.0.1';
const refused = new Set();

function isLoopbackHost(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  const h = String(host).toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path === undefined && first.handle === undefined && first._handle === undefined && first.fd === undefined) {
      args[0] = Object.assign({}, first, { host: LOOPBACK });
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const rest = args.slice(1);
    if (typeof rest[0] === 'string') rest.shift(); // drop the caller's host
    args = [Number(first), LOOPBACK, ...rest];
  } else if (first === undefined || typeof first === 'function') {
    args = [0, LOOPBACK, ...args];
  }
  return originalListen.apply(this, args);
};

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connectToLoopbackOnly(...args) {
  let options = args[0];
  if (Array.isArray(options)) options = options[0]; // internal normalized form
  let host;
  let isPath = false;
  if (options !== null && typeof options === 'object') {
    isPath = typeof options.path === 'string';
    host = options.host;
  } else if (typeof options === 'string' && !/^\d+$/.test(options)) {
    isPath = true; // a Unix socket / pipe path
  } else {
    host = typeof args[1] === 'string' ? args[1] : undefined;
  }

  if (!isPath && !isLoopbackHost(host)) {
    const where = String(host);
    if (!refused.has(where)) {
      refused.add(where);
      process.stderr.write(`[loopback-only] refused an outgoing connection to ${where}\n`);
    }
    const error = Object.assign(new Error(`connect ECONNREFUSED ${where} (loopback-only)`), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: where });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};
