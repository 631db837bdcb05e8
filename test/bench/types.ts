/** One benchmark: `run` does the work once and may return a note for the table (e.g. a size). */
export interface Benchmark {
  name: string;
  run(): Promise<string | void>;
}
