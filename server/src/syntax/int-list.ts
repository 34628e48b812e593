/** A growable list of 32-bit integers: no boxed number per element, and its data is already a typed array. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  append(values: Int32Array): void {
    while (this.length + values.length > this.data.length) this.grow();
    this.data.set(values, this.length);
    this.length += values.length;
  }

  /** The elements pushed so far, without a copy (a view of the data while it has not grown again). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  private grow(): void {
    const grown = new Int32Array(this.data.length * 2);
    grown.set(this.data);
    this.data = grown;
  }
}
