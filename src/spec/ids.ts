// Deterministic ids for items the author left without one. Author-given ids are never changed and
// never reused: generated ids skip every id already taken.

/** Hands out ids of one kind (F-n, R-n…), skipping the ones in use. */
export class IdAllocator {
  private readonly used: Set<string>;
  private counter = 0;

  /** `used` as a Set is shared, not copied: allocators of one kind of id (one per feature for its
   *  acceptance criteria) see each other's ids, and a 2,000-feature spec does not copy the set of all
   *  its criteria once per feature. */
  constructor(
    used: Iterable<string>,
    private readonly format: (n: number) => string,
  ) {
    this.used = used instanceof Set ? (used as Set<string>) : new Set(used);
  }

  /** The lowest free id of the sequence. */
  next(): string {
    for (;;) {
      this.counter += 1;
      const id = this.format(this.counter);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** The id for position `n` (1-based) if free, else the next free one after it; used where ids
   *  follow position ("F-1-AC-2" is the second criterion) so that adding an id to one item does not
   *  renumber the others. */
  atOrAfter(n: number): string {
    for (let k = n; ; k += 1) {
      const id = this.format(k);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** Mark an id as taken. */
  take(id: string): void {
    this.used.add(id);
  }
}

export const ID_FORMATS = {
  feature: (n: number) => `F-${n}`,
  risk: (n: number) => `R-${n}`,
  decision: (n: number) => `ADR-${String(n).padStart(4, '0')}`,
  slo: (n: number) => `SLO-${n}`,
  milestone: (n: number) => `M-${n}`,
  acceptance: (featureId: string) => (n: number) => `${featureId}-AC-${n}`,
};
