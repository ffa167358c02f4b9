'use strict';

const { validation } = require('./http');

/**
 * A small pydantic look-alike: checks a JSON body or query against a field spec and fails with
 * Devin's 422 body (`{detail: [{type, loc, msg, input}]}`), unknown fields included.
 *
 * Spec entries: { type: 'string'|'integer'|'number'|'boolean'|'array'|'object', required, nullable,
 * minLength, maxLength, maxItems, items: 'string', gt, ge, le, enum, maxBytes }
 */
function checkValue(value, spec, loc, errors) {
	if (value === null) {
		if (!spec.nullable)
			errors.push({
				type: `${spec.type}_type`,
				loc,
				msg: `Input should be a valid ${spec.type}`,
				input: value,
			});
		return;
	}
	switch (spec.type) {
		case 'string':
			if (typeof value !== 'string') {
				errors.push({
					type: 'string_type',
					loc,
					msg: 'Input should be a valid string',
					input: value,
				});
				return;
			}
			if (spec.minLength !== undefined && value.trim().length < spec.minLength) {
				errors.push({
					type: 'string_too_short',
					loc,
					msg: `String should have at least ${spec.minLength} character`,
					input: value,
				});
			}
			if (spec.maxLength !== undefined && value.length > spec.maxLength) {
				errors.push({
					type: 'string_too_long',
					loc,
					msg: `String should have at most ${spec.maxLength} characters`,
					input: value,
					ctx: { max_length: spec.maxLength },
				});
			}
			break;
		case 'integer':
		case 'number': {
			const number = typeof value === 'string' && spec.fromQuery ? Number(value) : value;
			if (
				typeof number !== 'number' ||
				Number.isNaN(number) ||
				(spec.type === 'integer' && !Number.isInteger(number))
			) {
				errors.push({
					type: `${spec.type === 'integer' ? 'int' : 'float'}_parsing`,
					loc,
					msg: `Input should be a valid ${spec.type}`,
					input: value,
				});
				return;
			}
			if (spec.gt !== undefined && !(number > spec.gt))
				errors.push({
					type: 'greater_than',
					loc,
					msg: `Input should be greater than ${spec.gt}`,
					input: value,
				});
			if (spec.ge !== undefined && !(number >= spec.ge))
				errors.push({
					type: 'greater_than_equal',
					loc,
					msg: `Input should be greater than or equal to ${spec.ge}`,
					input: value,
				});
			if (spec.le !== undefined && !(number <= spec.le))
				errors.push({
					type: 'less_than_equal',
					loc,
					msg: `Input should be less than or equal to ${spec.le}`,
					input: value,
				});
			break;
		}
		case 'boolean':
			if (typeof value !== 'boolean' && !(spec.fromQuery && ['true', 'false'].includes(value))) {
				errors.push({
					type: 'bool_type',
					loc,
					msg: 'Input should be a valid boolean',
					input: value,
				});
			}
			break;
		case 'array':
			if (!Array.isArray(value)) {
				errors.push({ type: 'list_type', loc, msg: 'Input should be a valid list', input: value });
				return;
			}
			if (spec.maxItems !== undefined && value.length > spec.maxItems) {
				errors.push({
					type: 'too_long',
					loc,
					msg: `List should have at most ${spec.maxItems} items after validation, not ${value.length}`,
					input: value,
				});
			}
			if (spec.items === 'string') {
				value.forEach((entry, index) => {
					if (typeof entry !== 'string')
						errors.push({
							type: 'string_type',
							loc: [...loc, index],
							msg: 'Input should be a valid string',
							input: entry,
						});
				});
			}
			break;
		case 'object':
			if (typeof value !== 'object' || Array.isArray(value)) {
				errors.push({
					type: 'dict_type',
					loc,
					msg: 'Input should be a valid dictionary',
					input: value,
				});
				return;
			}
			if (spec.maxBytes !== undefined && Buffer.byteLength(JSON.stringify(value)) > spec.maxBytes) {
				errors.push({
					type: 'value_error',
					loc,
					msg: `Value error, must be at most ${spec.maxBytes} bytes`,
					input: '…',
				});
			}
			break;
		default:
			break;
	}
	if (spec.enum && !spec.enum.includes(value)) {
		const options = spec.enum.map((option) => `'${option}'`);
		const list =
			options.length > 1
				? `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`
				: options[0];
		errors.push({
			type: 'enum',
			loc,
			msg: `Input should be ${list}`,
			input: value,
			ctx: { expected: list },
		});
	}
}

function validate(input, fields, { location = 'body', forbidExtra = true } = {}) {
	const errors = [];
	if (
		location === 'body' &&
		(input === undefined || input === null || typeof input !== 'object' || Array.isArray(input))
	) {
		throw validation([
			{
				type: input === undefined ? 'missing' : 'dict_type',
				loc: ['body'],
				msg: input === undefined ? 'Field required' : 'Input should be a valid dictionary',
				input: input ?? null,
			},
		]);
	}
	for (const [name, spec] of Object.entries(fields)) {
		const value = input[name];
		if (value === undefined) {
			if (spec.required)
				errors.push({ type: 'missing', loc: [location, name], msg: 'Field required', input });
			continue;
		}
		checkValue(value, spec, [location, name], errors);
	}
	if (forbidExtra) {
		for (const name of Object.keys(input)) {
			if (!(name in fields))
				errors.push({
					type: 'extra_forbidden',
					loc: [location, name],
					msg: 'Extra inputs are not permitted',
					input: input[name],
				});
		}
	}
	if (errors.length) throw validation(errors);
	return input;
}

module.exports = { validate };
