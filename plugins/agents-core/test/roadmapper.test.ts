import { english } from './english.js';
import { describe, expect, it } from 'vitest';
import roadmapper from '../src/roadmapper.js';
import type { RoadmapView } from '../src/types.js';
import { clinicQueueSpec, contextFor, minimalSpec, nastySpec } from './fixtures.js';

const run = (spec = clinicQueueSpec()) => english(roadmapper.run(contextFor(spec)) as RoadmapView);

describe('studio:roadmapper', () => {
  it('declares the agent contract', () => {
    expect(roadmapper.id).toBe('studio:roadmapper');
    expect(roadmapper.produces).toBe('roadmap');
  });

  it('Dual-Track: discovery validates the next milestone while delivery builds this one', () => {
    const view = run(clinicQueueSpec({ flow: 'Dual-Track' }));
    expect(view.scrum).toBeNull();
    expect(view.kanban).toBeNull();
    const dt = view.dual_track!;
    expect(dt.lead_in.map((d) => d.feature_id)).toEqual(['F-1', 'F-4']);
    expect(dt.phases.map((p) => p.milestone_id)).toEqual(['M-1', 'M-2']);
    expect(dt.phases[0]!.delivery.map((d) => d.feature_id)).toEqual(['F-1', 'F-4']);
    expect(dt.phases[0]!.discovery.map((d) => d.feature_id)).toEqual(['F-2', 'F-3']);
    expect(dt.phases[1]!.delivery.map((d) => d.feature_id)).toEqual(['F-2', 'F-3']);
    expect(dt.phases[0]!.delivery[0]!.done_when).toEqual(['F-1-AC-1', 'F-1-AC-2']);
    expect(dt.phases.map((p) => [p.start_week, p.end_week])).toEqual([
      [1, 4],
      [5, 7],
    ]);
  });

  it('Scrum: numbered two-week sprints from the durations, every deliverable in exactly one sprint', () => {
    const view = run(clinicQueueSpec({ flow: 'Scrum' }));
    expect(view.dual_track).toBeNull();
    expect(view.kanban).toBeNull();
    const { sprints, allocation, sprint_weeks } = view.scrum!;
    expect(sprint_weeks).toBe(2);
    // 4 weeks → 2 sprints; 3 weeks → a 2-week and a 1-week sprint, inside the milestone's own weeks.
    expect(allocation.map((a) => a.sprints)).toEqual([2, 2]);
    expect(sprints.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(sprints.map((s) => [s.start_week, s.end_week])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 7],
    ]);
    const delivered = sprints.flatMap((s) => s.deliverables.map((d) => d.feature_id)).sort();
    expect(delivered).toEqual(['F-1', 'F-2', 'F-3', 'F-4']);
    expect(sprints.filter((s) => s.milestone_review).map((s) => s.number)).toEqual([2, 4]);
    expect(sprints[1]!.goal).toContain('One clinic runs the queue for a week');
    // One timeline: the milestones keep the weeks the PRD shows; sprints fit inside them.
    expect(view.milestones.map((m) => [m.start_week, m.end_week])).toEqual([
      [1, 4],
      [5, 7],
    ]);
    expect(view.total_weeks).toBe(7);
    for (const s of sprints) {
      const m = view.milestones.find((x) => x.id === s.milestone_id)!;
      expect(s.start_week).toBeGreaterThanOrEqual(m.start_week);
      expect(s.end_week).toBeLessThanOrEqual(m.end_week);
    }
    for (const s of sprints) expect(s.goal.length).toBeGreaterThan(0);
  });

  it('Scrum: leftover sprints take distinct verification goals instead of inventing scope', () => {
    const spec = clinicQueueSpec({ flow: 'Scrum' });
    spec.milestones[0]!.duration_weeks = 12;
    const { sprints } = run(spec).scrum!;
    const pilot = sprints.filter((s) => s.milestone_id === 'M-1');
    expect(pilot).toHaveLength(6);
    expect(pilot.map((s) => s.deliverables.length)).toEqual([1, 1, 0, 0, 0, 0]);
    // No two sprint goals read the same (verification goals first, then numbered buffers).
    expect(new Set(sprints.map((s) => s.goal)).size).toBe(sprints.length);
    expect(pilot[2]!.goal).not.toMatch(/^Deliver/);
  });

  it('Kanban: WIP-limited stages and a backlog ordered by class of service', () => {
    const view = run(clinicQueueSpec({ flow: 'Kanban' }));
    expect(view.dual_track).toBeNull();
    expect(view.scrum).toBeNull();
    const kb = view.kanban!;
    expect(kb.stages.map((s) => s.name)).toEqual(['Backlog', 'Ready', 'In progress', 'Review', 'Done']);
    expect(kb.stages.map((s) => s.wip_limit === null)).toEqual([true, false, false, false, true]);
    for (const s of kb.stages.slice(1, 4)) expect(s.wip_limit).toBeGreaterThan(0);
    // Classes of service by cost of delay: everything a milestone dates is Fixed date, whatever its
    // MoSCoW priority (F-3 is a should-have); controls for High threats are Intangible work.
    expect(kb.classes.map((c) => c.name)).toEqual(['Expedite', 'Fixed date', 'Standard', 'Intangible']);
    expect(kb.backlog.map((b) => [b.rank, b.id, b.class_of_service])).toEqual([
      [1, 'F-1', 'Fixed date'],
      [2, 'F-4', 'Fixed date'],
      [3, 'F-2', 'Fixed date'],
      [4, 'F-3', 'Fixed date'],
      [5, 'TC-SEC-TH-1', 'Intangible'],
    ]);
    expect(kb.checkpoints.map((c) => c.target_week)).toEqual([4, 7]);
  });

  it('the three flows give visibly different roadmaps', () => {
    const views = (['Dual-Track', 'Scrum', 'Kanban'] as const).map((flow) => run(clinicQueueSpec({ flow })));
    expect(new Set(views.map((v) => v.method)).size).toBe(3);
    expect(views.map((v) => [v.dual_track !== null, v.scrum !== null, v.kanban !== null])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ]);
  });

  it('proposes one release when the spec has no milestones', () => {
    for (const flow of ['Dual-Track', 'Scrum', 'Kanban'] as const) {
      const view = run(minimalSpec({ flow }));
      expect(view.milestones_implied).toBe(true);
      expect(view.milestones).toHaveLength(1);
      expect(view.milestones[0]!.deliverables.map((d) => d.id)).toEqual(['F-1']);
    }
    expect(run(minimalSpec({ flow: 'Scrum' })).scrum!.sprints).toHaveLength(1);
  });

  it('puts the timeline first for executives', () => {
    expect(run(clinicQueueSpec({ audience: 'Executive' })).sections[0]).toBe('timeline');
    expect(run(clinicQueueSpec({ audience: 'Engineering' })).sections[0]).toBe('plan');
  });

  it('is deterministic and never mutates the frozen spec', () => {
    for (const flow of ['Dual-Track', 'Scrum', 'Kanban'] as const) {
      const spec = nastySpec({ flow });
      const before = JSON.stringify(spec);
      const a = JSON.stringify(run(spec));
      expect(JSON.stringify(run(spec))).toBe(a);
      expect(JSON.stringify(spec)).toBe(before);
    }
  });
});
