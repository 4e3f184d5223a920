import { describe, expect, it } from 'vitest';
import a11yReviewer from '../src/a11y-reviewer.js';
import threatModeler from '../src/threat-modeler.js';
import { english, format, text } from './english.js';
import { exampleSpec, hostileSpec, minimalSpec, runAgent } from './fixtures.js';

describe('studio:threat-modeler', () => {
  it('STRIDE per element from the declared element type', async () => {
    const vm = await runAgent(threatModeler, exampleSpec('clinic-queue'));
    const cats = (id: string) =>
      vm.threats.filter((t) => t.element === id && t.source === 'stride').map((t) => t.category);
    const byName = (name: string) => vm.elements.find((e) => format(e.name) === name)!.id;
    expect(cats(byName('Staff'))).toEqual(['Spoofing', 'Repudiation']);
    expect(cats(byName('SMS gateway'))).toEqual(['Spoofing', 'Repudiation']);
    expect(cats(byName('Queue service'))).toHaveLength(6);
    expect(cats(byName('PostgreSQL'))).toEqual(['Tampering', 'Information disclosure', 'Denial of service']);
    // Flows inside one zone get no flow rows; flows across a boundary get T, I and D.
    const crossing = vm.elements.filter((e) => format(e.type).startsWith('data flow across'));
    expect(crossing.length).toBeGreaterThan(0);
    for (const e of crossing)
      expect(e.categories).toEqual(['Tampering', 'Information disclosure', 'Denial of service']);
    // The words come from the catalogs, in English and in the fr-CA locale pack.
    expect(text(crossing[0]!.category_labels)).toBe('Tampering Information disclosure Denial of service');
    expect(text(crossing[0]!.category_labels, 'fr-CA')).toBe(
      'Falsification Divulgation d’information Déni de service',
    );
    expect(format(vm.elements.find((e) => format(e.name) === 'Staff')!.type)).toBe(
      'external entity (person)',
    );
    expect(format(vm.elements.find((e) => format(e.name) === 'Staff')!.type, 'fr-CA')).toBe(
      'entité externe (personne)',
    );
    const high = vm.threats.find((t) => t.rating === 'High')!;
    expect(english(high.labels)).toMatchObject({ rating: 'High', treatment: 'Mitigate', status: 'Open' });
    expect(english(high.labels, 'fr-CA')).toMatchObject({ rating: 'Élevée', treatment: 'Atténuer' });
  });

  it('rates, treats, owns and verifies every threat; the DFD has a subgraph per zone', async () => {
    const vm = await runAgent(threatModeler, exampleSpec('clinic-queue'));
    for (const t of vm.threats) {
      expect(['High', 'Medium', 'Low']).toContain(t.rating);
      expect(t.treatment).toBe(t.rating === 'Low' ? 'Accept' : 'Mitigate');
      expect(format(t.owner).length).toBeGreaterThan(0);
      expect(t.verification).toMatch(/^TC-/);
    }
    expect(vm.dfd.zones.map((z) => format(z.label))).toEqual(
      expect.arrayContaining(['Clinic network', 'Internet', 'Product cloud', 'SMS provider']),
    );
    // Declared zones are the author's words in every locale; a default zone is named in the locale.
    expect(vm.dfd.zones.map((z) => format(z.label, 'fr-CA'))).toContain('Product cloud');
    const spec = exampleSpec('clinic-queue');
    for (const p of spec.participants) p.zone = null;
    const defaults = await runAgent(threatModeler, spec);
    expect(defaults.dfd.zones.map((z) => format(z.label))).toEqual(
      expect.arrayContaining(['Internet', 'Product', 'SMS gateway (third party)']),
    );
    expect(defaults.dfd.zones.map((z) => format(z.label, 'fr-CA'))).not.toContain('Product');
    expect(format(defaults.boundaries[0]!.zones)).toMatch(/^.+ ↔ .+$/);
    expect(vm.boundaries.length).toBeGreaterThan(0);
    // Threats from decisions' consequences and from constraints are in the register too.
    expect(vm.threats.some((t) => t.source === 'decision' && t.element === 'ADR-0001')).toBe(true);
    expect(vm.threats.some((t) => t.source === 'constraint' && t.element === 'C-1')).toBe(true);
  });

  it('a threat in scope keeps its declared categories; a bare one raises a question, never a guess', async () => {
    const spec = exampleSpec('clinic-queue');
    spec.security.threats.push({ name: 'phishing of staff', categories: [], target: null, mitigation: null });
    spec.security.threats_in_scope.push('phishing of staff');
    const vm = await runAgent(threatModeler, spec);
    const scoped = vm.threats.filter((t) => t.source === 'scope');
    expect(scoped.find((t) => format(t.threat) === 'spoofed SMS links')!.category).toBe('Spoofing');
    const bare = scoped.find((t) => format(t.threat) === 'phishing of staff')!;
    expect(bare.category).toBeNull();
    expect(vm.questions.some((q) => q.about === 'phishing of staff')).toBe(true);
  });

  it("the shared model's threats, controls, owners and element labels come from the catalogs", async () => {
    const vm = await runAgent(threatModeler, exampleSpec('clinic-queue'));
    const queue = vm.elements.find((e) => format(e.name) === 'Queue service')!;
    const spoofing = vm.threats.find((t) => t.element === queue.id && t.category === 'Spoofing')!;
    expect(english(spoofing)).toMatchObject({
      element_label: 'Queue service',
      threat:
        'A caller impersonates Queue service, or Queue service accepts calls from an unauthenticated peer.',
      owner: 'Queue service owner',
    });
    expect(english(spoofing, 'fr-CA')).toMatchObject({
      threat:
        'Usurpation d’identité\u00a0: un appelant se fait passer pour Queue service, ou Queue service accepte des appels d’un pair non authentifié.',
      owner: 'Responsable de Queue service',
    });
    const flow = vm.threats.find(
      (t) => t.element_type === 'data flow' && format(t.owner) === 'Security lead',
    )!;
    expect(format(flow.owner, 'fr-CA')).toBe('Responsable de la sécurité');
    expect(format(flow.element_label)).toMatch(/^.+ → .+: .+$/);
    expect(format(flow.element_label, 'fr-CA')).toMatch(/^.+ → .+\u00a0: .+$/);
    // Every threat and control reads in French, with no English sentence left behind.
    for (const t of vm.threats.filter((x) => x.source === 'stride')) {
      expect(format(t.threat, 'fr-CA')).not.toBe(format(t.threat));
      expect(format(t.mitigation, 'fr-CA')).not.toBe(format(t.mitigation));
    }
  });

  it('hostile and minimal specs', async () => {
    const hostile = await runAgent(threatModeler, hostileSpec());
    expect(hostile.threats.length).toBeGreaterThan(0);
    // Participants the hostile spec renamed are undeclared: listed, with no STRIDE rows of their own.
    expect(hostile.undeclared.length).toBeGreaterThan(0);
    const minimal = await runAgent(threatModeler, minimalSpec());
    expect(minimal.totals.every((t) => t.count === 0)).toBe(true);
  });
});

describe('studio:a11y-reviewer', () => {
  it('checks user-facing features by the direction of their declared flows', async () => {
    const vm = await runAgent(a11yReviewer, exampleSpec('clinic-queue'));
    expect(vm.features.map((f) => f.id)).toEqual(['F-1', 'F-2', 'F-4']);
    expect(vm.not_user_facing.map((f) => f.id)).toEqual(['F-3']);
    const criteria = (id: string) => vm.features.find((f) => f.id === id)!.checks.map((c) => c.criterion);
    // Staff enter data (F-1, F-4): input criteria; the patient receives texts (F-2): output criteria.
    expect(criteria('F-1')).toEqual(expect.arrayContaining(['3.3.1', '3.3.2', '4.1.3']));
    expect(criteria('F-4')).toContain('2.5.7');
    expect(criteria('F-2')).toContain('4.1.3');
    expect(criteria('F-2')).not.toContain('3.3.1');
    // Staff cross a trust boundary to reach the queue service: sign-in and session checks apply.
    expect(criteria('F-1')).toEqual(expect.arrayContaining(['3.3.8', '2.2.1']));
    for (const f of vm.features) {
      expect(f.test_id).toBe(`TC-A11Y-${f.id}`);
      expect(f.checks.map((c) => c.id)).toEqual(f.checks.map((_, i) => `${f.id}-A11Y-${i + 1}`));
    }
  });

  it('names each criterion and its check through the catalogs (W3C French names in fr-CA)', async () => {
    const vm = await runAgent(a11yReviewer, exampleSpec('clinic-queue'));
    const f2 = vm.features.find((f) => f.id === 'F-2')!;
    const target = vm.features[0]!.checks.find((c) => c.criterion === '2.5.8')!;
    expect(format(target.title)).toBe('Target Size (Minimum)');
    expect(format(target.title, 'fr-CA')).toBe('Taille de la cible (minimum)');
    expect(format(target.check)).toBe(
      `Controls in "${vm.features[0]!.name}" are at least 24 × 24 CSS px or spaced apart.`,
    );
    expect(format(target.check, 'fr-CA')).toContain(`« ${vm.features[0]!.name} »`);
    // F-2's person only receives: the reason names what they receive, nothing they send.
    expect(f2.reason.msg).toBe('a11y.reason_receive');
    expect(f2.sent).toEqual([]);
    expect(f2.received.length).toBeGreaterThan(0);
    const received = format({ msg: 'a11y.quoted_flow', args: f2.received[0]! });
    expect(format({ ...f2.reason, args: { ...f2.reason.args, received } })).toMatch(
      /^people in its flow: .+; they receive "[^"]+" \(F-2-DF-\d+\)$/,
    );
  });

  it('lists criteria in numeric order (1.4.10 after 1.4.3)', async () => {
    const vm = await runAgent(a11yReviewer, exampleSpec('ledgerly'));
    const numbers = vm.criteria.map((c) => c.criterion);
    expect(numbers.indexOf('1.4.10')).toBeGreaterThan(numbers.indexOf('1.4.3'));
  });
});
