import type { INodeProperties } from 'n8n-workflow';

import { TAGS_MAX } from '../../constants';
import { read, type FieldReader, type FieldSpec } from '../../helpers/fields';
import { normalizeSessionId } from '../../helpers/sessionId';
import { invalidField, optionalText } from '../../helpers/validation';

/** The five cron fields, in UTC, and the numbers each takes; names (JAN, MON) where they apply. */
const CRON_FIELDS = [
	{ min: 0, max: 59, names: false },
	{ min: 0, max: 23, names: false },
	{ min: 1, max: 31, names: false },
	{ min: 1, max: 12, names: true },
	{ min: 0, max: 7, names: true },
];

function isCronField(field: string, spec: (typeof CRON_FIELDS)[number]): boolean {
	return field.split(',').every((part) => {
		const [range, step, extra] = part.split('/');
		if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return false;
		if (range === '*' || range === '?') return true;
		if (spec.names && /^[A-Za-z]{3}(-[A-Za-z]{3})?$/.test(range)) return true;
		// Quartz-style L, W and # (last, weekday, nth) are left for Devin to judge.
		if (/[LW#]/.test(range)) return /^\d*[LW]?(#\d)?$/.test(range);
		const bounds = /^(\d+)(?:-(\d+))?$/.exec(range);
		const inRange = (number?: string) =>
			number === undefined || (Number(number) >= spec.min && Number(number) <= spec.max);
		return bounds !== null && inRange(bounds[1]) && inRange(bounds[2]);
	});
}

/** Five fields, in UTC: minute hour day-of-month month day-of-week. */
const cron: FieldReader = (context, label, value) => {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	const fields = text.split(/\s+/);
	if (
		fields.length !== 5 ||
		!fields.every((field, index) => isCronField(field, CRON_FIELDS[index]))
	) {
		throw invalidField(
			context,
			label,
			`"${text}" is not a cron expression`,
			'Use five fields in UTC, minute hour day month weekday, e.g. "0 9 * * 1-5" for 09:00 on weekdays.',
		);
	}
	return text;
};

const scheduleType: FieldReader = (context, label, value) => {
	const type = read.oneOf(['recurring', 'oneTime'])(context, label, value);
	return type === 'oneTime' ? 'one_time' : type;
};

const sessionId: FieldReader = (context, label, value) =>
	optionalText(value) === undefined ? undefined : normalizeSessionId(context, label, value);

export const SCHEDULE_FIELDS: FieldSpec[] = [
	{ param: 'name', api: 'name', label: 'Name', read: read.text },
	{ param: 'prompt', api: 'prompt', label: 'Prompt', read: read.rawText },
	{ param: 'scheduleType', api: 'schedule_type', label: 'Schedule Type', read: scheduleType },
	{ param: 'frequency', api: 'frequency', label: 'Frequency', read: cron },
	{ param: 'scheduledAt', api: 'scheduled_at', label: 'Scheduled At', read: read.isoDate },
	{ param: 'enabled', api: 'enabled', label: 'Enabled', read: read.flag },
	{ param: 'agent', api: 'agent', label: 'Agent', read: read.oneOf(['devin', 'data_analyst']) },
	{
		param: 'notifyOn',
		api: 'notify_on',
		label: 'Notify On',
		read: read.oneOf(['always', 'failure', 'never']),
	},
	{
		param: 'playbookId',
		api: 'playbook_id',
		label: 'Playbook ID',
		read: read.id('playbook-6f1c2b9a'),
	},
	{ param: 'tags', api: 'tags', label: 'Tags', read: read.list(TAGS_MAX) },
	{ param: 'bypassApproval', api: 'bypass_approval', label: 'Bypass Approval', read: read.flag },
	{
		param: 'intervalCount',
		api: 'interval_count',
		label: 'Interval Count',
		read: read.wholeNumber,
	},
	{ param: 'platform', api: 'platform', label: 'Platform', read: read.text },
	{
		param: 'slackChannelId',
		api: 'slack_channel_id',
		label: 'Slack Channel ID',
		read: read.id('C0123ABCDEF'),
	},
	{
		param: 'slackTeamId',
		api: 'slack_team_id',
		label: 'Slack Team ID',
		read: read.id('T0123ABCD'),
	},
	{ param: 'targetSessionId', api: 'target_devin_id', label: 'Target Session ID', read: sessionId },
	{
		param: 'createAsUserId',
		api: 'create_as_user_id',
		label: 'Create As User ID',
		read: read.id('user-3f2a9c41'),
	},
	{
		param: 'runAsUserId',
		api: 'run_as_user_id',
		label: 'Run As User ID',
		read: read.id('user-3f2a9c41'),
	},
];

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Nightly dependency update',
	description: 'A name for the schedule',
};

export const promptField: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'What Devin should do each time the schedule runs',
};

export const frequencyField: INodeProperties = {
	displayName: 'Frequency',
	name: 'frequency',
	type: 'string',
	default: '',
	placeholder: 'e.g. 0 9 * * 1-5',
	description: 'When to run, as a cron expression in UTC (minute hour day month weekday)',
};

export const scheduledAtField: INodeProperties = {
	displayName: 'Scheduled At',
	name: 'scheduledAt',
	type: 'dateTime',
	default: '',
	description: 'When to run, once',
};

/** Optional schedule fields shared by Additional Fields and Update Fields. */
export const optionalScheduleFields: INodeProperties[] = [
	{
		displayName: 'Agent',
		name: 'agent',
		type: 'options',
		default: 'devin',
		options: [
			{ name: 'Data Analyst', value: 'data_analyst' },
			{ name: 'Devin', value: 'devin' },
		],
		description: 'Which agent runs the session',
	},
	{
		displayName: 'Bypass Approval',
		name: 'bypassApproval',
		type: 'boolean',
		default: false,
		description: 'Whether Devin may act without asking for approval',
	},
	{
		displayName: 'Interval Count',
		name: 'intervalCount',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: 'Run on every Nth match of the cron expression',
	},
	{
		displayName: 'Notify On',
		name: 'notifyOn',
		type: 'options',
		default: 'failure',
		options: [
			{ name: 'Always', value: 'always' },
			{ name: 'Failure', value: 'failure' },
			{ name: 'Never', value: 'never' },
		],
		description: 'When Devin notifies about a run',
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'string',
		default: '',
		placeholder: 'e.g. windows',
		description: 'VM platform label for the sessions',
	},
	{
		displayName: 'Playbook ID',
		name: 'playbookId',
		type: 'string',
		default: '',
		description: 'A playbook every run follows',
	},
	{
		displayName: 'Slack Channel ID',
		name: 'slackChannelId',
		type: 'string',
		default: '',
		description: 'Slack channel for notifications',
	},
	{
		displayName: 'Slack Team ID',
		name: 'slackTeamId',
		type: 'string',
		default: '',
		description: 'Slack workspace of that channel',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		description: 'Comma-separated tags for the sessions it starts',
	},
];
