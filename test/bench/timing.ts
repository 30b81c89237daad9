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

/** How long one run of async `work` takes, in seconds. */
export async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
