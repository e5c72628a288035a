import loadHighs, { type Highs } from 'highs';

let loaded: Promise<Highs> | undefined;

/** HiGHS as WebAssembly, loaded once per process and shared by every audit. */
export function highs(): Promise<Highs> {
  return (loaded ??= loadHighs());
}

/** A sparse system `low[r] <= sum of x[col] over row r <= high[r]`, `colLow <= x <= colHigh`. */
export interface SparseSystem {
  colLow: number[];
  colHigh: number[];
  rows: { cols: number[]; low: number; high: number }[];
  integer?: boolean;
}

type Model = ReturnType<Highs['createModel']>;

/**
 * HiGHS instances kept for reuse: making one costs about ten solves, loading a model into an
 * existing one a fraction of a solve. Audits run synchronously between awaits, so a plain stack will do.
 */
const spare: Model[] = [];

/**
 * One persistent HiGHS model per system. Scenarios change column bounds and objectives between
 * solves, so each solve starts from the last basis. Presolve is off: these programs are small and
 * solved many times, where presolve costs more than it saves.
 */
export class Program {
  private readonly model: Model;
  private lastCol = -1;
  private readonly low: number[];
  private readonly high: number[];
  private readonly currentLow: number[];
  private readonly currentHigh: number[];
  solves = 0;

  constructor(private readonly solver: Highs, system: SparseSystem) {
    const numCols = system.colLow.length;
    const starts = [0];
    const indices: number[] = [];
    for (const row of system.rows) {
      indices.push(...row.cols);
      starts.push(indices.length);
    }
    this.low = [...system.colLow];
    this.high = [...system.colHigh];
    this.currentLow = [...system.colLow];
    this.currentHigh = [...system.colHigh];
    this.model = spare.pop() ?? solver.createModel();
    this.model.options.set({ output_flag: false, presolve: 'off' });
    this.model.passModel({
      numCols,
      numRows: system.rows.length,
      sense: solver.constants.objectiveSense.minimize,
      offset: 0,
      colCost: new Array<number>(numCols).fill(0),
      colLower: system.colLow,
      colUpper: system.colHigh,
      rowLower: system.rows.map((row) => row.low),
      rowUpper: system.rows.map((row) => row.high),
      matrix: { format: 'csr', numRows: system.rows.length, numCols, starts, indices, values: indices.map(() => 1) },
      ...(system.integer ? { integrality: new Array(numCols).fill(solver.constants.variableType.integer) } : {}),
    });
  }

  /** Narrows (or restores, with the system's own bounds) one column's bounds. */
  bound(col: number, low = this.low[col]!, high = this.high[col]!): void {
    this.currentLow[col] = low;
    this.currentHigh[col] = high;
    this.model.changeColBounds(col, low, high);
  }

  /** The column's bounds as they stand. */
  bounds(col: number): [number, number] {
    return [this.currentLow[col]!, this.currentHigh[col]!];
  }

  /** The least or greatest x[col], and a solution reaching it. */
  extreme(col: number, sense: 'minimize' | 'maximize'): { value: number; point: Float64Array } {
    this.objective(col);
    this.model.changeObjectiveSense(this.solver.constants.objectiveSense[sense]);
    this.model.run();
    this.solves++;
    const status = this.model.getModelStatus();
    if (status !== this.solver.constants.modelStatus.optimal) throw new Error(`The audit's program ended with HiGHS status ${status}`);
    return { value: this.model.getObjectiveValue(), point: this.model.getSolution().colValue };
  }

  /** A solution of the system (with its current bounds) with x[col] in [low, high], or null when there is none; the bounds are put back after. */
  solutionWith(col: number, low: number, high: number): Float64Array | null {
    this.objective(-1);
    this.model.changeColBounds(col, low, high);
    try {
      return this.solve() ? this.model.getSolution().colValue : null;
    } finally {
      this.model.changeColBounds(col, this.currentLow[col]!, this.currentHigh[col]!);
    }
  }

  /**
   * The greatest sum of the columns `cols` over the solutions with x[col] in [low, high], and a
   * solution reaching it, or null when there is none; the objective and the bounds are put back after.
   */
  maximizeSum(cols: readonly number[], col: number, low: number, high: number): { value: number; point: Float64Array } | null {
    this.objective(-1);
    for (const c of cols) this.model.changeColCost(c, 1);
    this.model.changeObjectiveSense(this.solver.constants.objectiveSense.maximize);
    this.model.changeColBounds(col, low, high);
    try {
      return this.solve() ? { value: this.model.getObjectiveValue(), point: this.model.getSolution().colValue } : null;
    } finally {
      for (const c of cols) this.model.changeColCost(c, 0);
      this.model.changeObjectiveSense(this.solver.constants.objectiveSense.minimize);
      this.model.changeColBounds(col, this.currentLow[col]!, this.currentHigh[col]!);
    }
  }

  /** Runs the model: true when it found an optimum, false when it has no solution; any other end throws. */
  private solve(): boolean {
    this.model.run();
    this.solves++;
    const status = this.model.getModelStatus();
    if (status === this.solver.constants.modelStatus.optimal) return true;
    if (status === this.solver.constants.modelStatus.infeasible) return false;
    throw new Error(`The audit's program ended with HiGHS status ${status}`);
  }

  /** Gives the HiGHS instance back for the next program. */
  dispose(): void {
    this.model.clearModel();
    spare.push(this.model);
  }

  private objective(col: number): void {
    if (this.lastCol === col) return;
    if (this.lastCol >= 0) this.model.changeColCost(this.lastCol, 0);
    if (col >= 0) this.model.changeColCost(col, 1);
    this.lastCol = col;
  }
}
