// @ts-check
'use strict';

const { detail } = require('./http');
const { cursorPage } = require('./pagination');
const { ORG_ID, OTHER_ORG_ID } = require('./principals');
const { validate } = require('./validation');

const BASE = '/v3/enterprise/consumption/acu-limits/devin';
const SCOPE_ORDER = { enterprise: 0, organization: 1, user: 2 };

/**
 * @typedef {{ params: Record<string, string>, query: Record<string, string>, json: () => any }} Ctx
 * @typedef {{ cycle_acu_limit: number, scope: 'enterprise' | 'organization' | 'user',
 *   org_id: string | null, user_id: string | null }} AcuLimit
 */

/** @param {AcuLimit} limit */
const keyOf = (limit) => [SCOPE_ORDER[limit.scope], limit.org_id || '', limit.user_id || ''];

const SET = { cycle_acu_limit: { type: 'integer', required: true, ge: 0 } };
const PAGE_QUERY = {
	first: { type: 'integer', fromQuery: true, ge: 1, le: 200 },
	after: { type: 'string' },
};

/**
 * Per-billing-cycle ACU limits of the enterprise, its organizations and users (enterprise scope:
 * ManageBilling to change them, ManageBilling or ViewAccountConsumption to read them).
 * @param {any} emulator
 */
function register(emulator) {
	emulator.onReset(() => {
		/** @type {AcuLimit[]} */
		emulator.data.acuLimits = [
			{ cycle_acu_limit: 5000, scope: 'enterprise', org_id: null, user_id: null },
			{ cycle_acu_limit: 800, scope: 'organization', org_id: OTHER_ORG_ID, user_id: null },
			{ cycle_acu_limit: 150, scope: 'user', org_id: ORG_ID, user_id: 'user-emulator-alice' },
		];
	});
	const sorted = () =>
		[...emulator.data.acuLimits].sort((a, b) => {
			const [x, y] = [keyOf(a), keyOf(b)];
			for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
			return 0;
		});
	/** @param {string} orgId @returns {AcuLimit | undefined} */
	const organizationLimit = (orgId) =>
		emulator.data.acuLimits.find(
			(/** @type {AcuLimit} */ limit) => limit.scope === 'organization' && limit.org_id === orgId,
		);
	/** @param {string} orgId */
	const knownOrganization = (orgId) => {
		if (![ORG_ID, OTHER_ORG_ID].includes(orgId))
			throw detail(404, `Organization ${orgId} not found`);
	};

	emulator.route(
		'GET',
		BASE,
		(/** @type {Ctx} */ ctx) => {
			validate(ctx.query, PAGE_QUERY, { location: 'query', forbidExtra: false });
			return cursorPage(sorted(), ctx.query, { keyOf, direction: 1 });
		},
		{ version: 'v3', anyOf: ['ManageBilling', 'ViewAccountConsumption'] },
	);
	emulator.route(
		'PUT',
		`${BASE}/organizations/:target`,
		(/** @type {Ctx} */ ctx) => {
			const body = validate(ctx.json(), SET);
			knownOrganization(ctx.params.target);
			const existing = organizationLimit(ctx.params.target);
			if (existing) {
				existing.cycle_acu_limit = body.cycle_acu_limit;
				return existing;
			}
			/** @type {AcuLimit} */
			const created = {
				cycle_acu_limit: body.cycle_acu_limit,
				scope: 'organization',
				org_id: ctx.params.target,
				user_id: null,
			};
			emulator.data.acuLimits.push(created);
			return created;
		},
		{ version: 'v3', permission: 'ManageBilling' },
	);
	emulator.route(
		'DELETE',
		`${BASE}/organizations/:target`,
		(/** @type {Ctx} */ ctx) => {
			knownOrganization(ctx.params.target);
			const existing = organizationLimit(ctx.params.target);
			if (!existing)
				throw detail(404, `Organization ${ctx.params.target} has no ACU limit of its own`);
			emulator.data.acuLimits = emulator.data.acuLimits.filter(
				(/** @type {AcuLimit} */ limit) => limit !== existing,
			);
			return null;
		},
		{ version: 'v3', permission: 'ManageBilling' },
	);
}

/**
 * Adds `count` user-level limits (for pagination tests).
 * @param {any} emulator @param {number} count
 */
function seedAcuLimits(emulator, count) {
	for (let index = 1; index <= count; index++) {
		emulator.data.acuLimits.push({
			cycle_acu_limit: 10 * index,
			scope: 'user',
			org_id: ORG_ID,
			user_id: `user-seeded-${String(index).padStart(4, '0')}`,
		});
	}
	return emulator.data.acuLimits.length;
}

module.exports = { register, seedAcuLimits };
