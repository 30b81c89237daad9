/** The fastest of `times` runs of `work`, in milliseconds: the run least disturbed by the rest of the machine. */
export function best(times: number, work: () => unknown): number {
  let fastest = Infinity;
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    work();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return fastest;
}
