'use strict';

/**
 * A network recorder preloaded into every Node process of a run (`node --require netlog.js`, or
 * NODE_OPTIONS): it appends one JSON line per host name looked up and per connection opened to a
 * host off this machine, to the file named by DEVIN_NETLOG. Loopback and Unix sockets are not
 * recorded. It passes itself on to the Node processes a process spawns (n8n starts its task runner
 * with a clean environment) and records every other program spawned, so a run can prove that
 * nothing left the machine and which processes it watched.
 */
const childProcess = require('node:child_process');
const dgram = require('node:dgram');
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const FILE = process.env.DEVIN_NETLOG;
const SELF = __filename;

function record(event) {
	if (!FILE) return;
	try {
		fs.appendFileSync(FILE, `${JSON.stringify({ pid: process.pid, ...event })}\n`);
	} catch {
		/* the recorder must never break the process it watches */
	}
}

/** Whether a host is this machine: loopback addresses, localhost, or no host (a Unix socket). */
function isLocal(host) {
	if (host === undefined || host === null || host === '') return true;
	const name = String(host)
		.toLowerCase()
		.replace(/^\[|\]$/g, '');
	if (name === 'localhost' || name.endsWith('.localhost')) return true;
	if (name === '::1' || name === '0.0.0.0' || name === '::') return true;
	return /^(::ffff:)?127\./.test(name);
}

/** Looks worth recording: a name a resolver would be asked about (not an IP literal, not local). */
function isQueryable(host) {
	return typeof host === 'string' && !isLocal(host) && net.isIP(host) === 0;
}

record({ event: 'start', argv: process.argv.slice(1, 3).map((arg) => path.basename(arg)) });

for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) {
	for (const target of [dns, dns.promises]) {
		const original = target[name];
		if (typeof original !== 'function') continue;
		target[name] = function (host, ...rest) {
			if (isQueryable(host)) record({ event: 'lookup', via: `dns.${name}`, host });
			return original.call(this, host, ...rest);
		};
	}
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
	// connect(options), connect(port, host) or, inside Node, connect([options, callback]).
	const first = Array.isArray(args[0]) ? args[0][0] : args[0];
	const options =
		first && typeof first === 'object'
			? first
			: { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
	if (!options.path && !isLocal(options.host ?? 'localhost'))
		record({ event: 'connect', host: options.host, port: options.port });
	return connect.apply(this, args);
};

const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (...args) {
	const address = args.find((arg, index) => index > 0 && typeof arg === 'string');
	if (address && !isLocal(address)) record({ event: 'udp', host: address });
	return send.apply(this, args);
};

/** Node processes get the recorder too; other programs are recorded as spawned. */
function watched(command, args, options) {
	const program = path.basename(String(command));
	const isNode = program === 'node' || command === process.execPath;
	if (!isNode) {
		record({ event: 'spawn', program, args: (args ?? []).slice(0, 2).map(String) });
		return [command, args, options];
	}
	const env = { ...(options?.env ?? process.env), DEVIN_NETLOG: FILE };
	return [command, ['--require', SELF, ...(args ?? [])], { ...options, env }];
}

for (const name of ['spawn', 'execFile']) {
	const original = childProcess[name];
	childProcess[name] = function (command, args, options, ...rest) {
		if (!Array.isArray(args)) return original.call(this, command, args, options, ...rest);
		return original.call(this, ...watched(command, args, options), ...rest);
	};
}
