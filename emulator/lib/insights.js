'use strict';

const { detail } = require('./http');
const { cursorPage } = require('./pagination');
const { toV3 } = require('./sessions');

/** Devin needs a while to analyse a session. */
const ANALYSIS_DELAY_MS = 30_000;

function sizeOf(count) {
	if (count < 3) return 'xs';
	if (count < 6) return 's';
	if (count < 12) return 'm';
	if (count < 25) return 'l';
	return 'xl';
}

function analysisOf(session, startedAt) {
	const prompt = session.prompt || '';
	return {
		action_items: ['Add a regression test for the fix'],
		classification: {
			category: 'bug_fix',
			confidence: 0.9,
			programming_languages: ['TypeScript'],
			tools_and_frameworks: ['Jest'],
		},
		issues: [],
		note_usage: { good_usages: [], bad_usages: [] },
		suggested_prompt: {
			original_prompt: prompt,
			suggested_prompt: `${prompt}\n\nSay how to verify the result.`,
			feedback_items: ['Name the repository and how to check the result'],
		},
		timeline: [{ at: Math.floor(startedAt / 1000), summary: 'Session analysed' }],
	};
}

/** Session insights: the session, message counts, a size and (once generated) Devin's analysis. */
function register(emulator) {
	emulator.onReset(() => {
		emulator.data.insights = new Map();
	});

	function insightsOf(session) {
		const started = emulator.data.insights.get(session.session_id);
		const ready = started !== undefined && emulator.clock.now() >= started + ANALYSIS_DELAY_MS;
		const users = session.messages.filter((message) => message.source === 'user').length;
		return {
			...toV3(emulator.store, session, { detailed: true }),
			num_user_messages: users,
			num_devin_messages: session.messages.length - users,
			session_size: sizeOf(session.messages.length),
			analysis: ready ? analysisOf(session, started) : null,
		};
	}

	function sessionOf(ctx) {
		const session = ctx.store.get(ctx.params.id);
		if (!session || session.org_id !== ctx.orgId)
			throw detail(404, `Session ${ctx.params.id} not found`);
		return session;
	}

	// Registered before `/sessions/:id`, so "insights" is never read as a session ID.
	emulator.route(
		'GET',
		'/v3/organizations/:org/sessions/insights',
		(ctx) => {
			const { filterSessions, SESSION_KEY } = require('./api-v3');
			const sessions = filterSessions(ctx.store.list([ctx.orgId]), ctx);
			const page = cursorPage(sessions, ctx.query, SESSION_KEY);
			return { ...page, items: page.items.map(insightsOf) };
		},
		{ version: 'v3', permission: 'ViewOrgSessions' },
	);
	emulator.route(
		'GET',
		'/v3/organizations/:org/sessions/:id/insights',
		(ctx) => insightsOf(sessionOf(ctx)),
		{
			version: 'v3',
			permission: 'ViewOrgSessions',
		},
	);
	emulator.route(
		'POST',
		'/v3/organizations/:org/sessions/:id/insights/generate',
		(ctx) => {
			const session = sessionOf(ctx);
			const known = emulator.data.insights.has(session.session_id);
			if (!known) emulator.data.insights.set(session.session_id, emulator.clock.now());
			return { session_id: session.session_id, status: known ? 'already_exists' : 'started' };
		},
		{ version: 'v3', permission: 'ManageOrgSessions' },
	);
}

module.exports = { register };
