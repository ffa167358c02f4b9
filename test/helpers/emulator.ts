import {
	startEmulator,
	type Emulator,
	type EmulatorOptions,
	type KeyName,
	type LoggedRequest,
} from '../../emulator';
import type { DevinCredentials } from './n8n';

export type { Emulator, KeyName };

/** Credentials for one of the emulator's ready-made keys. */
export function credentialsFor(
	emulator: Emulator,
	key: KeyName = 'service',
	extra: Partial<DevinCredentials> = {},
): DevinCredentials {
	return {
		apiKey: emulator.info().keys[key],
		baseUrl: emulator.url,
		organizationId: '',
		apiVersion: 'auto',
		allowImpersonation: false,
		...extra,
	};
}

/** A fresh emulator for a test file; state is reset before each test. */
export function useEmulator(options: EmulatorOptions = {}) {
	const handle = {} as { emulator: Emulator };
	beforeAll(async () => {
		handle.emulator = await startEmulator({ manualClock: true, ...options });
	});
	beforeEach(() => handle.emulator.reset());
	afterAll(async () => {
		await handle.emulator.close();
	});
	return handle;
}

/** The API requests the emulator received, without the control calls. */
export function apiRequests(
	emulator: Emulator,
	method?: string,
	pathPart?: string,
): LoggedRequest[] {
	return emulator.requests.filter(
		(entry) => (!method || entry.method === method) && (!pathPart || entry.path.includes(pathPart)),
	);
}
