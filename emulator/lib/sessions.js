'use strict';

const crypto = require('crypto');

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * How a session lives on its own, as steps at offsets from its start. A prompt picks its story
 * with a hashtag (#needs-input, #approval, #fail, #blocked, #stall); the default succeeds.
 */
const SCENARIOS = {
	success: [
		{ after: 5 * SECOND, status: 'claimed', status_detail: null },
		{
			after: 15 * SECOND,
			status: 'running',
			status_detail: 'working',
			devin: "I'm on it. Reading the repository now.",
			acus: 0.2,
		},
		{
			after: 60 * SECOND,
			pullRequest: true,
			devin: 'I opened a pull request with the change.',
			acus: 1.1,
		},
		{
			after: 120 * SECOND,
			status: 'running',
			status_detail: 'finished',
			devin: 'Done. The pull request is ready for review.',
			acus: 2.4,
			output: true,
		},
		{ after: 120 * SECOND + 30 * MINUTE, status: 'suspended', status_detail: 'inactivity' },
	],
	'needs-input': [
		{ after: 5 * SECOND, status: 'claimed', status_detail: null },
		{
			after: 15 * SECOND,
			status: 'running',
			status_detail: 'working',
			devin: "I'm on it.",
			acus: 0.2,
		},
		{
			after: 60 * SECOND,
			status: 'running',
			status_detail: 'waiting_for_user',
			devin: 'Which branch should I base the change on?',
			acus: 0.8,
		},
	],
	approval: [
		{ after: 5 * SECOND, status: 'claimed', status_detail: null },
		{ after: 15 * SECOND, status: 'running', status_detail: 'working', acus: 0.2 },
		{
			after: 45 * SECOND,
			status: 'running',
			status_detail: 'waiting_for_approval',
			devin: 'May I run the database migration?',
			acus: 0.6,
		},
	],
	fail: [
		{ after: 5 * SECOND, status: 'claimed', status_detail: null },
		{ after: 15 * SECOND, status: 'running', status_detail: 'working', acus: 0.2 },
		{
			after: 45 * SECOND,
			status: 'error',
			status_detail: null,
			devin: 'The environment failed to start.',
			acus: 0.5,
		},
	],
	blocked: [
		{ after: 5 * SECOND, status: 'claimed', status_detail: null },
		{ after: 15 * SECOND, status: 'running', status_detail: 'working', acus: 0.2 },
		{ after: 30 * SECOND, status: 'suspended', status_detail: 'out_of_credits', acus: 0.4 },
	],
	stall: [
		{ after: 5 * SECOND, status: 'claimed', status_detail: null },
		{ after: 15 * SECOND, status: 'running', status_detail: 'working', acus: 0.2 },
	],
};

/** After a user message, Devin works on it and finishes its turn. */
const RESUME_STEPS = [
	{ after: 5 * SECOND, status: 'running', status_detail: 'working', devin: 'Got it, continuing.' },
	{
		after: 60 * SECOND,
		status: 'running',
		status_detail: 'finished',
		devin: 'Done with your follow-up.',
		output: true,
		acusDelta: 0.8,
	},
	{ after: 60 * SECOND + 30 * MINUTE, status: 'suspended', status_detail: 'inactivity' },
];

function scenarioOf(prompt) {
	const match = /#(needs-input|approval|fail|blocked|stall|success)\b/.exec(prompt || '');
	return match ? match[1] : 'success';
}

/** `#runs-90m` in a prompt: the success story, finishing after that many minutes. */
function durationOf(prompt) {
	const match = /#runs-(\d+)m\b/.exec(prompt || '');
	return match ? Number(match[1]) * MINUTE : undefined;
}

/** The success story stretched to finish `duration` after the start. */
function longSuccess(duration) {
	const [claimed, working, pullRequest, finished] = SCENARIOS.success;
	const end = Math.max(duration, 30 * SECOND);
	return [
		claimed,
		working,
		{ ...pullRequest, after: Math.min(pullRequest.after, end / 2) },
		{ ...finished, after: end },
		{ after: end + 30 * MINUTE, status: 'suspended', status_detail: 'inactivity' },
	];
}

function newId(prefix) {
	return `${prefix}${crypto.randomBytes(16).toString('hex')}`;
}

/** A value that fits a JSON schema, so finished sessions carry a plausible structured output. */
function sampleFromSchema(schema, name = 'value') {
	if (!schema || typeof schema !== 'object') return null;
	if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
	if (schema.const !== undefined) return schema.const;
	const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
	switch (type) {
		case 'object': {
			const result = {};
			for (const [key, child] of Object.entries(schema.properties || {}))
				result[key] = sampleFromSchema(child, key);
			return result;
		}
		case 'array':
			return [sampleFromSchema(schema.items || { type: 'string' }, name)];
		case 'integer':
			return 1;
		case 'number':
			return 1.5;
		case 'boolean':
			return true;
		case 'null':
			return null;
		default:
			return `example ${name}`;
	}
}

class SessionStore {
	constructor(clock, { appUrl }) {
		this.clock = clock;
		this.appUrl = appUrl;
		this.sessions = new Map();
		/** Sessions with steps still to come; the others never need a tick. */
		this.moving = new Set();
		this.eventSeq = 0;
	}

	create(fields) {
		const now = this.clock.now();
		const session = {
			session_id: fields.session_id || newId('devin-'),
			org_id: fields.org_id,
			title: fields.title ?? null,
			prompt: fields.prompt,
			tags: fields.tags || [],
			created_at: fields.created_at ?? now,
			updated_at: fields.updated_at ?? fields.created_at ?? now,
			status: fields.status || 'new',
			status_detail: fields.status_detail ?? null,
			acus_consumed: fields.acus_consumed ?? 0,
			pull_requests: fields.pull_requests || [],
			user_id: fields.user_id ?? null,
			service_user_id: fields.service_user_id ?? null,
			requesting_user_email: fields.requesting_user_email ?? null,
			playbook_id: fields.playbook_id ?? null,
			is_archived: false,
			parent_session_id: null,
			child_session_ids: [],
			structured_output: fields.structured_output ?? null,
			structured_output_schema: fields.structured_output_schema ?? null,
			origin: fields.origin || 'api',
			schedule_id: fields.schedule_id ?? null,
			max_acu_limit: fields.max_acu_limit ?? null,
			devin_mode: fields.devin_mode ?? null,
			snapshot_id: fields.snapshot_id ?? null,
			unlisted: fields.unlisted ?? false,
			idempotency_key: fields.idempotency_key ?? null,
			attachment_urls: fields.attachment_urls || [],
			messages: [],
			plan: [],
		};
		if (session.prompt)
			this.addMessage(session, 'user', session.prompt, session.created_at, 'initial_user_message');
		const scenario = fields.scenario || (fields.status ? null : scenarioOf(session.prompt));
		const duration = scenario === 'success' ? durationOf(session.prompt) : undefined;
		if (duration !== undefined) this.schedule(session, longSuccess(duration), session.created_at);
		else if (scenario)
			this.schedule(session, SCENARIOS[scenario] || SCENARIOS.success, session.created_at);
		this.sessions.set(session.session_id, session);
		return session;
	}

	addMessage(session, source, message, at, type) {
		this.eventSeq += 1;
		session.messages.push({
			event_id: `evt-${String(this.eventSeq).padStart(8, '0')}`,
			message,
			source,
			type: type || (source === 'user' ? 'user_message' : 'devin_message'),
			created_at: at,
		});
	}

	schedule(session, steps, from) {
		session.plan = steps.map((step) => ({ ...step, at: from + step.after }));
		if (session.plan.length) this.moving.add(session.session_id);
		else this.moving.delete(session.session_id);
	}

	applyStep(session, step) {
		if (step.status !== undefined) {
			session.status = step.status;
			session.status_detail = step.status_detail ?? null;
		}
		if (step.acus !== undefined) session.acus_consumed = Math.max(session.acus_consumed, step.acus);
		if (step.acusDelta !== undefined)
			session.acus_consumed = Math.round((session.acus_consumed + step.acusDelta) * 100) / 100;
		if (step.pullRequest) {
			const number = 100 + session.pull_requests.length + 1;
			session.pull_requests.push({
				pr_url: `https://github.com/acme/web/pull/${number}`,
				pr_state: 'open',
			});
		}
		if (step.output && session.structured_output_schema) {
			session.structured_output = sampleFromSchema(session.structured_output_schema);
		}
		if (step.devin) this.addMessage(session, 'devin', step.devin, step.at);
		session.updated_at = Math.max(session.updated_at, step.at);
	}

	/** Moves a session along its plan up to now. */
	tick(session) {
		const now = this.clock.now();
		while (session.plan.length && session.plan[0].at <= now)
			this.applyStep(session, session.plan.shift());
		if (!session.plan.length) this.moving.delete(session.session_id);
		return session;
	}

	tickAll() {
		for (const id of [...this.moving]) this.tick(this.sessions.get(id));
	}

	get(id) {
		const session = this.sessions.get(id);
		return session ? this.tick(session) : undefined;
	}

	list(orgIds) {
		this.tickAll();
		const result = [];
		for (const session of this.sessions.values()) {
			if (!orgIds || orgIds.includes(session.org_id)) result.push(session);
		}
		// Newest first; the ID breaks ties so cursors are stable.
		return result.sort(
			(a, b) => b.created_at - a.created_at || (a.session_id < b.session_id ? 1 : -1),
		);
	}

	touch(session) {
		session.updated_at = Math.max(session.updated_at + 1, this.clock.now());
	}

	/**
	 * A user message: wakes a suspended session at once; a running one keeps showing its previous
	 * turn's state for a few seconds before Devin picks the message up, as the real API does.
	 */
	message(session, text) {
		const now = this.clock.now();
		this.addMessage(session, 'user', text, now);
		if (session.status === 'suspended') {
			session.status = 'resuming';
			session.status_detail = null;
			this.schedule(session, RESUME_STEPS, now);
		} else if (session.status === 'running') {
			this.schedule(session, RESUME_STEPS, now);
		}
		this.touch(session);
	}

	terminate(session, archive) {
		session.status = 'exit';
		session.status_detail = null;
		if (archive) session.is_archived = true;
		this.schedule(session, [], this.clock.now());
		this.touch(session);
	}

	archive(session) {
		session.is_archived = true;
		if (['new', 'claimed', 'running', 'resuming'].includes(session.status)) {
			session.status = 'suspended';
			session.status_detail = 'user_request';
		}
		this.schedule(session, [], this.clock.now());
		this.touch(session);
	}

	/** Test control: set any fields directly; `updated_at` moves unless given. */
	patch(session, fields) {
		const { scenario, updated_at: updatedAt, ...rest } = fields;
		for (const [key, value] of Object.entries(rest)) {
			if (key !== 'session_id' && key !== 'messages' && key !== 'plan') session[key] = value;
		}
		if (Array.isArray(fields.messages)) {
			for (const message of fields.messages)
				this.addMessage(session, message.source || 'devin', message.message, this.clock.now());
		}
		if (scenario) this.schedule(session, SCENARIOS[scenario] || [], this.clock.now());
		else if ('status' in rest) this.schedule(session, [], this.clock.now());
		if (updatedAt !== undefined) session.updated_at = updatedAt;
		else this.touch(session);
		return session;
	}

	url(session) {
		const base = typeof this.appUrl === 'function' ? this.appUrl() : this.appUrl;
		return `${base}/sessions/${session.session_id.replace(/^devin-/, '')}`;
	}
}

const seconds = (ms) => Math.floor(ms / 1000);
const iso = (ms) => new Date(ms).toISOString();

/** v3 SessionResponse. `status_detail` and `structured_output` only on get/list, as Devin documents. */
function toV3(store, session, { detailed }) {
	return {
		session_id: session.session_id,
		url: store.url(session),
		status: session.status,
		status_detail: detailed ? session.status_detail : null,
		tags: [...session.tags],
		org_id: session.org_id,
		created_at: seconds(session.created_at),
		updated_at: seconds(session.updated_at),
		acus_consumed: session.acus_consumed,
		pull_requests: session.pull_requests.map((pr) => ({ ...pr })),
		title: session.title,
		user_id: session.user_id,
		service_user_id: session.service_user_id,
		playbook_id: session.playbook_id,
		is_archived: session.is_archived,
		parent_session_id: session.parent_session_id,
		child_session_ids: [...session.child_session_ids],
		structured_output: detailed ? session.structured_output : null,
		origin: session.origin,
		category: null,
		subcategory: null,
	};
}

/** v1 `status_enum`, from the v3 lifecycle. */
function statusEnum(session) {
	const { status, status_detail: detail } = session;
	if (status === 'exit') return 'finished';
	if (status === 'error') return 'expired';
	if (status === 'running' && detail === 'finished') return 'finished';
	if (status === 'running' && (detail === 'waiting_for_user' || detail === 'waiting_for_approval'))
		return 'blocked';
	if (status === 'suspended') return detail === 'error' ? 'expired' : 'suspend_requested';
	if (status === 'resuming') return 'resume_requested';
	return 'working';
}

function toV1Summary(session) {
	const pr = session.pull_requests[session.pull_requests.length - 1];
	return {
		session_id: session.session_id,
		status: session.status,
		status_enum: statusEnum(session),
		title: session.title,
		created_at: iso(session.created_at),
		updated_at: iso(session.updated_at),
		snapshot_id: session.snapshot_id,
		playbook_id: session.playbook_id,
		pull_request: pr ? { url: pr.pr_url } : null,
		requesting_user_email: session.requesting_user_email,
		structured_output: session.structured_output,
		tags: [...session.tags],
	};
}

function toV1Detail(session) {
	return {
		...toV1Summary(session),
		messages: session.messages.map((message) => ({
			type: message.type,
			event_id: message.event_id,
			message: message.message,
			timestamp: iso(message.created_at),
			username: message.source === 'user' ? session.requesting_user_email || 'user' : 'Devin',
			origin: 'api',
			user_id: message.source === 'user' ? session.user_id : null,
		})),
	};
}

function toV3Message(message) {
	return {
		event_id: message.event_id,
		message: message.message,
		source: message.source,
		created_at: seconds(message.created_at),
	};
}

module.exports = {
	SessionStore,
	SCENARIOS,
	toV3,
	toV1Summary,
	toV1Detail,
	toV3Message,
	statusEnum,
	sampleFromSchema,
	newId,
};
