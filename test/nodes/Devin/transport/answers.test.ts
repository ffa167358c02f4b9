import { unusableAnswer } from '../../../../nodes/Devin/transport/answers';

describe('unusableAnswer', () => {
	it('accepts the answers a request expects', () => {
		expect(unusableAnswer({ session_id: 'devin-1' }, { kind: 'object', id: 'session_id' })).toBe(
			undefined,
		);
		expect(unusableAnswer(null, { kind: 'object', orNothing: true })).toBeUndefined();
		expect(
			unusableAnswer({ items: [{ session_id: 'devin-1' }] }, { kind: 'list', id: 'session_id' }),
		).toBeUndefined();
		expect(unusableAnswer([{ name: 'a' }], { kind: 'list', bare: true })).toBeUndefined();
		expect(
			unusableAnswer({ sessions: [] }, { kind: 'list', itemsKey: 'sessions' }),
		).toBeUndefined();
		expect(
			unusableAnswer('https://api.devin.ai/v1/attachments/1/a.md', { kind: 'url' }),
		).toBeUndefined();
		expect(unusableAnswer(Buffer.from(''), { kind: 'bytes' })).toBeUndefined();
		expect(unusableAnswer('anything at all', { kind: 'nothing' })).toBeUndefined();
	});

	it('says in words what came instead', () => {
		const object = { kind: 'object', id: 'session_id' } as const;
		expect(unusableAnswer(undefined, object)).toBe('an empty body instead of an object');
		expect(unusableAnswer(null, object)).toBe('null instead of an object');
		expect(unusableAnswer('OK', object)).toBe('text that is not JSON ("OK") instead of an object');
		expect(unusableAnswer(['x'], object)).toBe('a list instead of an object');
		expect(unusableAnswer(7, object)).toBe('the bare value "7" instead of an object');
		expect(unusableAnswer({ session_id: '' }, object)).toBe('an object without session_id');
		expect(unusableAnswer({ unexpected: true }, { kind: 'list' })).toBe(
			'an object without the items list',
		);
		expect(unusableAnswer([{}], { kind: 'list' })).toBe(
			'a bare list instead of an object with the items list',
		);
		expect(unusableAnswer({ items: ['x'] }, { kind: 'list' })).toBe(
			'a list holding something other than objects',
		);
		expect(unusableAnswer({ items: [{ title: 'x' }] }, { kind: 'list', id: 'session_id' })).toBe(
			'a list with an entry without session_id',
		);
		expect(unusableAnswer('not a url', { kind: 'url' })).toBe(
			'text that is not JSON ("not a url") instead of a file URL',
		);
	});

	it('quotes at most 60 characters of a body that is not JSON', () => {
		expect(unusableAnswer(`<p>${'x'.repeat(200)}</p>`, { kind: 'object' })).toBe(
			`text that is not JSON ("<p>${'x'.repeat(57)}…") instead of an object`,
		);
	});
});
