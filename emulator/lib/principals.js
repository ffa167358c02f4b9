'use strict';

/** The organizations and API keys every emulator starts with. Keys are fixed so a saved demo credential keeps working. */
const ORG_ID = 'org-emulator-demo';
const OTHER_ORG_ID = 'org-emulator-other';

const ORG_PERMISSIONS = [
	'ReadAccountMeta',
	'ViewOrgSessions',
	'ManageOrgSessions',
	'UseDevinSessions',
	'ManageAccountKnowledge',
	'ManageOrgPlaybooks',
	'ManageOrgSecrets',
	'ManageOrgSchedules',
	'Read',
	'IndexOrgRepositories',
];
const ENTERPRISE_PERMISSIONS = [
	'ViewAccountSessions',
	'ManageAccountSessions',
	'ViewAccountConsumption',
	'ManageEnterpriseSettings',
	'ManageBilling',
];

/** name → principal. `version` is the API generation the key works with. */
const PRINCIPALS = {
	service: {
		token: 'cog_emu_service_7d1f0c2a9b3e4d5f',
		version: 'v3',
		principal_type: 'service_user',
		service_user_id: 'su-emulator-n8n',
		service_user_name: 'n8n (emulator)',
		org_id: ORG_ID,
		permissions: ORG_PERMISSIONS,
	},
	admin: {
		token: 'cog_emu_admin_3a9e51c07b2d8f64',
		version: 'v3',
		principal_type: 'service_user',
		service_user_id: 'su-emulator-admin',
		service_user_name: 'admin (emulator)',
		org_id: ORG_ID,
		permissions: [...ORG_PERMISSIONS, 'ImpersonateOrgSessions'],
	},
	readOnly: {
		token: 'cog_emu_readonly_5c2e8a1f9d047b36',
		version: 'v3',
		principal_type: 'service_user',
		service_user_id: 'su-emulator-readonly',
		service_user_name: 'read only (emulator)',
		org_id: ORG_ID,
		permissions: ['ReadAccountMeta', 'ViewOrgSessions', 'Read'],
	},
	noSelf: {
		token: 'cog_emu_noself_8b3d6e2a0f9c1475',
		version: 'v3',
		principal_type: 'service_user',
		service_user_id: 'su-emulator-noself',
		service_user_name: 'no account access (emulator)',
		org_id: ORG_ID,
		permissions: ORG_PERMISSIONS.filter((permission) => permission !== 'ReadAccountMeta'),
	},
	enterprise: {
		token: 'cog_emu_enterprise_2f7a9c4e1b6d0358',
		version: 'v3',
		principal_type: 'service_user',
		service_user_id: 'su-emulator-enterprise',
		service_user_name: 'enterprise admin (emulator)',
		org_id: null,
		permissions: [...ORG_PERMISSIONS, ...ENTERPRISE_PERMISSIONS],
	},
	pat: {
		token: 'cog_emu_pat_6e0b2d9f4a1c7358',
		version: 'v3',
		principal_type: 'pat_user',
		user_id: 'user-emulator-alice',
		org_id: ORG_ID,
		permissions: ORG_PERMISSIONS,
	},
	other: {
		token: 'cog_emu_otherorg_4d8f1a6c3e9b2507',
		version: 'v3',
		principal_type: 'service_user',
		service_user_id: 'su-emulator-other',
		service_user_name: 'other org (emulator)',
		org_id: OTHER_ORG_ID,
		permissions: ORG_PERMISSIONS,
	},
	legacy: {
		token: 'apk_emu_legacy_9a2c5e7f1b3d4068',
		version: 'v1',
		org_id: ORG_ID,
		email: 'n8n-emulator@example.com',
		user_id: 'user-emulator-legacy',
		permissions: [...ORG_PERMISSIONS, ...ENTERPRISE_PERMISSIONS],
	},
	legacyUser: {
		token: 'apk_user_emu_0f4b8d2a6c1e9357',
		version: 'v1',
		org_id: ORG_ID,
		email: 'alice@example.com',
		user_id: 'user-emulator-alice',
		permissions: [...ORG_PERMISSIONS, ...ENTERPRISE_PERMISSIONS],
	},
};

function findPrincipal(token) {
	for (const [name, principal] of Object.entries(PRINCIPALS)) {
		if (principal.token === token) return { name, ...principal };
	}
	return undefined;
}

module.exports = { ORG_ID, OTHER_ORG_ID, PRINCIPALS, findPrincipal };
