'use strict';

/**
 * Inclusive CPU time of chosen functions in a V8 `.cpuprofile`: the samples whose stack holds a
 * frame that `match`es, each sample counted once per step however deep the recursion.
 */
function inclusiveTimes(profile, steps) {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parents.set(child, node.id);
	const totals = steps.map(() => 0);
	const memo = new Map();
	/** Which steps a node's stack (the node and its callers) is inside, as a bit set. */
	const inside = (id) => {
		if (memo.has(id)) return memo.get(id);
		const node = nodes.get(id);
		let bits = 0;
		steps.forEach((step, index) => {
			if (step.match(node.callFrame)) bits |= 1 << index;
		});
		const parent = parents.get(id);
		if (parent !== undefined) bits |= inside(parent);
		memo.set(id, bits);
		return bits;
	};
	profile.samples.forEach((id, index) => {
		const micros = profile.timeDeltas[index] ?? 0;
		const bits = inside(id);
		steps.forEach((_step, step) => {
			if (bits & (1 << step)) totals[step] += micros / 1000;
		});
	});
	return totals;
}

module.exports = { inclusiveTimes };
