// fintech:ledger-analyst — reads the Source Spec's entities, constraints, decisions, flows and SLOs and
// derives what a payments team must pin down: which fields are money, where card data could flow
// (PCI DSS scope), the ledger invariants, and what to reconcile. Pure: no I/O, no clock, no randomness.

const MONEY_NAME = /(amount|total|price|balance|fee|minor|cents|cost|refund|payout|charge|subtotal|tax)/i;
const CURRENCY_NAME = /(^|_)(currency|ccy)($|_)/i;
const CARD_TEXT = /\b(card|pan|cvv|cvc|cardholder|payment provider|psp|stripe|adyen|braintree)\b/i;
const PAYMENT_TEXT = /\b(pay|payment|payments|charge|refund|payout|settle|settlement|webhook|ledger)\b/i;
const MONEY_TEXT =
  /\b(money|amount|amounts|currency|minor units?|cents|ledger|payment|invoice|balance|refund)\b/i;
const HOSTED_TEXT = /(provider[- ]hosted|hosted fields|never touches|tokeni[sz]|redirect to the provider)/i;

function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function moneyFields(spec) {
  const out = [];
  for (const entity of spec.entities) {
    for (const field of entity.fields) {
      if ((field.type === 'integer' || field.type === 'number') && MONEY_NAME.test(field.name)) {
        out.push({
          entity: entity.name,
          field: field.name,
          type: field.type,
          integer: field.type === 'integer',
        });
      }
    }
  }
  return out;
}

function invariants(spec, money) {
  const list = [];
  const add = (statement, source) => list.push({ id: `INV-${list.length + 1}`, statement, source });
  const entityNames = new Set(spec.entities.map((e) => e.name));
  for (const m of money) {
    if (m.integer)
      add(
        `${m.entity}.${m.field} is a whole number of minor units and is never negative.`,
        `entity ${m.entity}`,
      );
    else
      add(
        `${m.entity}.${m.field} is a floating-point number: store integer minor units instead, or prove rounding is safe.`,
        `entity ${m.entity}`,
      );
  }
  for (const entity of spec.entities) {
    const hasMoney = money.some((m) => m.entity === entity.name);
    const currency = entity.fields.find((f) => CURRENCY_NAME.test(f.name));
    if (hasMoney && currency)
      add(
        `Every amount of ${entity.name} is read together with ${entity.name}.${currency.name} (ISO 4217).`,
        `entity ${entity.name}`,
      );
    if (hasMoney && !currency) {
      // A reference to a parent that carries the currency (invoice_id → Invoice.currency) settles it.
      const parent = spec.entities.find(
        (p) =>
          p.name !== entity.name &&
          entity.fields.some((f) => f.name.toLowerCase() === `${p.name.toLowerCase()}_id`) &&
          p.fields.some((f) => CURRENCY_NAME.test(f.name)),
      );
      const parentCurrency = parent?.fields.find((f) => CURRENCY_NAME.test(f.name));
      if (parent && parentCurrency)
        add(
          `Amounts of ${entity.name} are in the currency of the ${parent.name} they reference (${parent.name}.${parentCurrency.name}).`,
          `entities ${parent.name} and ${entity.name}`,
        );
      else
        add(
          `${entity.name} holds amounts without a currency field: all of them share one documented currency.`,
          `entity ${entity.name}`,
        );
    }
    // A reference like invoice_id to another entity with money: the child amounts must not exceed the parent total.
    for (const f of entity.fields) {
      const target = [...entityNames].find((n) => `${n.toLowerCase()}_id` === f.name.toLowerCase());
      if (!target || !hasMoney) continue;
      const parentMoney = money.find((m) => m.entity === target);
      const childMoney = money.find((m) => m.entity === entity.name);
      if (parentMoney && childMoney) {
        add(
          `The sum of ${entity.name}.${childMoney.field} per ${f.name} never exceeds ${target}.${parentMoney.field}, and equals it once settled.`,
          `entities ${target} and ${entity.name}`,
        );
      }
    }
  }
  for (const d of spec.decisions) {
    if (d.status !== 'superseded' && MONEY_TEXT.test(`${d.title} ${d.choice}`))
      add(`Holds by decision ${d.id}: ${d.choice}`, `decision ${d.id}`);
  }
  for (const c of spec.constraints) if (MONEY_TEXT.test(c)) add(`Holds by constraint: ${c}`, 'constraints');
  return list;
}

function cardData(spec) {
  const constraints = spec.constraints.filter((c) => CARD_TEXT.test(c) || HOSTED_TEXT.test(c));
  const hosted = constraints.some((c) => HOSTED_TEXT.test(c));
  const flows = [];
  for (const f of spec.features) {
    for (const step of f.flow) {
      if (CARD_TEXT.test(`${step.from} ${step.to} ${step.message}`) || PAYMENT_TEXT.test(step.message)) {
        flows.push({ feature: f.id, from: step.from, to: step.to, message: step.message });
      }
    }
  }
  const features = spec.features
    .filter(
      (f) => CARD_TEXT.test(`${f.name} ${f.description}`) || PAYMENT_TEXT.test(`${f.name} ${f.description}`),
    )
    .map((f) => ({ id: f.id, name: f.name }));
  const cardFields = [];
  for (const e of spec.entities) {
    for (const field of e.fields)
      if (/(^|_)(pan|card_number|cvv|cvc|card)($|_)/i.test(field.name))
        cardFields.push({ entity: e.name, field: field.name });
  }
  let saq;
  if (cardFields.length > 0) saq = 'SAQ D (card data is stored: the whole system is in scope)';
  else if (features.length === 0 && flows.length === 0)
    saq = 'Not determined: the spec describes no payment features or flows';
  else if (hosted) saq = 'SAQ A (card entry fully outsourced to provider-hosted fields or pages)';
  else saq = 'SAQ A-EP or SAQ D: decide how card entry is outsourced and record it as a constraint';
  return { constraints, hosted, flows, features, card_fields: cardFields, saq };
}

function entityRows(spec, money) {
  return spec.entities.map((e) => {
    const pii = e.fields.filter((f) => f.pii).map((f) => f.name);
    const amounts = money.filter((m) => m.entity === e.name).map((m) => m.field);
    let scope = 'out of scope';
    if (e.fields.some((f) => /(^|_)(pan|card_number|cvv|cvc|card)($|_)/i.test(f.name)))
      scope = 'in scope (card data)';
    else if (amounts.length > 0) scope = 'connected (payment records, no card data)';
    return { name: e.name, pii, amounts, scope };
  });
}

function reconciliation(spec, money) {
  const sources = [...new Set(money.map((m) => m.entity))].sort(byCodePoint);
  const slos = spec.ops.slos
    .filter((s) => PAYMENT_TEXT.test(`${s.name} ${s.sli}`))
    .map((s) => ({ id: s.id, name: s.name, objective: s.objective, window: s.window }));
  const steps = [
    'Export the payment provider settlement report for the period.',
    sources.length
      ? `Export ${sources.join(', ')} records for the same period, amounts in minor units with their currency.`
      : 'Export the internal payment records for the same period.',
    'Match each provider transaction to exactly one internal record by provider reference.',
    'List unmatched provider transactions and unmatched internal records as breaks.',
    'For each matched pair compare amount and currency; a difference is a break.',
    'Resolve or escalate every break before closing the period; record the resolution.',
  ];
  return { sources, slos, steps, environments: [...spec.ops.environments] };
}

/** @type {import('@studio/sdk').AgentDefinition} */
const agent = {
  id: 'fintech:ledger-analyst',
  produces: 'ledger',
  description: 'Money fields, ledger invariants, PCI DSS scope and reconciliation steps from the spec.',
  run(ctx) {
    const spec = ctx.spec;
    const money = moneyFields(spec);
    return {
      money_fields: money,
      invariants: invariants(spec, money),
      card: cardData(spec),
      entities: entityRows(spec, money),
      money_decisions: spec.decisions
        .filter((d) => MONEY_TEXT.test(`${d.title} ${d.context} ${d.choice}`))
        .map((d) => ({ id: d.id, title: d.title, status: d.status, choice: d.choice })),
      reconciliation: reconciliation(spec, money),
      classification: spec.security.data_classification,
    };
  },
};

export default agent;
