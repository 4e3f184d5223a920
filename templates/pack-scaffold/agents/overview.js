// __PACK_ID__:overview — an agent is a pure function from the frozen Source Spec to a view-model that
// templates read under its `produces` key. No I/O, no clock, no randomness: the gates render twice
// and compare bytes.

/** @type {import('@studio/sdk').AgentDefinition} */
const agent = {
  id: '__PACK_ID__:overview',
  produces: '__PRODUCES__',
  description: 'Features with their acceptance criteria, musts first.',
  run(ctx) {
    const rank = { must: 0, should: 1, could: 2, wont: 3 };
    const features = [...ctx.spec.features]
      .map((f, index) => ({ index, id: f.id, name: f.name, priority: f.priority, acceptance: f.acceptance.map((a) => ({ id: a.id, text: a.text })) }))
      .sort((a, b) => rank[a.priority] - rank[b.priority] || a.index - b.index);
    return { features, must_count: features.filter((f) => f.priority === 'must').length };
  },
};

export default agent;
