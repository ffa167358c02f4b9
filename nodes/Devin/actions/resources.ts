import type { INodeProperties } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as attachment from './attachment/Attachment.resource';
import * as enterprise from './enterprise/Enterprise.resource';
import * as insight from './insight/Insight.resource';
import * as knowledge from './knowledge/Knowledge.resource';
import * as message from './message/Message.resource';
import type { DevinResource } from './node.type';
import * as playbook from './playbook/Playbook.resource';
import * as repository from './repository/Repository.resource';
import * as schedule from './schedule/Schedule.resource';
import * as secret from './secret/Secret.resource';
import * as session from './session/Session.resource';
import * as tag from './tag/Tag.resource';

/** Every resource the Devin node offers, by its value (a contract: saved workflows use it). */
export const resources: Record<
	string,
	{ operations: DevinResource; description: INodeProperties[] }
> = {
	account,
	attachment,
	enterprise,
	insight,
	knowledge,
	message,
	playbook,
	repository,
	schedule,
	secret,
	session,
	tag,
};
