'use strict';

const { detail, reply } = require('./http');
const { validate } = require('./validation');

const TAGS = { tags: { type: 'array', items: 'string', maxItems: 50, required: true } };

function sessionOf(ctx) {
	const session = ctx.store.get(ctx.params.id);
	if (!session || session.org_id !== ctx.orgId)
		throw detail(404, `Session ${ctx.params.id} not found`);
	return session;
}

function setTags(ctx, session, tags) {
	if (tags.length > 50) {
		throw detail(422, `A session can have at most 50 tags, not ${tags.length}`);
	}
	session.tags = tags;
	ctx.store.touch(session);
	return { tags: [...session.tags] };
}

function register(emulator) {
	const v3 = (method, handler, permission) =>
		emulator.route(method, '/v3/organizations/:org/sessions/:id/tags', handler, {
			version: 'v3',
			permission,
		});
	v3('GET', (ctx) => ({ tags: [...sessionOf(ctx).tags] }), 'ViewOrgSessions');
	v3(
		'POST',
		(ctx) => {
			const { tags } = validate(ctx.json(), TAGS);
			const session = sessionOf(ctx);
			return setTags(ctx, session, [...new Set([...session.tags, ...tags])]);
		},
		'ManageOrgSessions',
	);
	v3(
		'PUT',
		(ctx) => {
			const { tags } = validate(ctx.json(), TAGS);
			return setTags(ctx, sessionOf(ctx), [...new Set(tags)]);
		},
		'ManageOrgSessions',
	);
	emulator.route(
		'PUT',
		'/v1/sessions/:id/tags',
		(ctx) => {
			const { tags } = validate(ctx.json(), TAGS);
			setTags(ctx, sessionOf(ctx), [...new Set(tags)]);
			return reply(200, { detail: 'Tags updated successfully' });
		},
		{ version: 'v1' },
	);
}

module.exports = { register };
