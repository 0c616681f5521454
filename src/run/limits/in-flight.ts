/**
 * The send times of the attempts out now, kept sorted, to ask how many have been out longer than
 * a given age. Attempts go out in time order, so adding is an append; taking one back is a binary
 * search and a splice over at most the target's concurrency.
 */
export class InFlight {
  readonly #sentAt: number[] = [];

  get size(): number {
    return this.#sentAt.length;
  }

  add(sentAt: number): void {
    const list = this.#sentAt;
    if (list.length === 0 || list[list.length - 1]! <= sentAt) list.push(sentAt);
    else list.splice(this.#countBefore(sentAt), 0, sentAt);
  }

  remove(sentAt: number): void {
    const i = this.#countBefore(sentAt);
    if (this.#sentAt[i] === sentAt) this.#sentAt.splice(i, 1);
  }

  /** How many went out before `t`. */
  sentBefore(t: number): number {
    return this.#countBefore(t);
  }

  #countBefore(t: number): number {
    let lo = 0;
    let hi = this.#sentAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#sentAt[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
