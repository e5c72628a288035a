import loadHighs, { type Highs } from 'highs';

let loaded: Promise<Highs> | undefined;

/** HiGHS as WebAssembly, loaded once per process (about 30 ms) and shared by every audit. */
export function highs(): Promise<Highs> {
  return (loaded ??= loadHighs());
}

/** A sparse system `low[r] <= sum of coefficient * x[col] over row r <= high[r]`, `colLow <= x <= colHigh`. */
export interface SparseSystem {
  colLow: number[];
  colHigh: number[];
  rows: { cols: number[]; coefficients?: number[]; low: number; high: number }[];
  integer?: boolean;
}

type Model = ReturnType<Highs['createModel']>;

/** A persistent HiGHS model whose objective changes between solves (warm-started from the last basis). */
export class Program {
  private readonly model: Model;
  private lastCol = -1;
  solves = 0;

  constructor(private readonly solver: Highs, private readonly system: SparseSystem) {
    const numCols = system.colLow.length;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const row of system.rows) {
      row.cols.forEach((col, i) => {
        indices.push(col);
        values.push(row.coefficients?.[i] ?? 1);
      });
      starts.push(indices.length);
    }
    this.model = solver.createModel({
      numCols,
      numRows: system.rows.length,
      sense: solver.constants.objectiveSense.minimize,
      offset: 0,
      colCost: new Array<number>(numCols).fill(0),
      colLower: system.colLow,
      colUpper: system.colHigh,
      rowLower: system.rows.map((row) => row.low),
      rowUpper: system.rows.map((row) => row.high),
      matrix: { format: 'csr', numRows: system.rows.length, numCols, starts, indices, values },
      ...(system.integer ? { integrality: new Array(numCols).fill(this.solver.constants.variableType.integer) } : {}),
    });
    this.model.options.set({ output_flag: false });
  }

  /** The least (`minimize`) or greatest value of x[col] over the system. */
  extreme(col: number, sense: 'minimize' | 'maximize'): number {
    this.objective(col);
    this.model.changeObjectiveSense(this.solver.constants.objectiveSense[sense]);
    this.model.run();
    this.solves++;
    const status = this.model.getModelStatus();
    if (status !== this.solver.constants.modelStatus.optimal) throw new Error(`The audit's program ended with HiGHS status ${status}`);
    return this.model.getObjectiveValue();
  }

  /** Whether the system has a solution with x[col] within [low, high]. */
  feasibleWith(col: number, low: number, high: number): boolean {
    this.objective(-1);
    this.model.changeColBounds(col, low, high);
    this.model.run();
    this.solves++;
    const status = this.model.getModelStatus();
    this.model.changeColBounds(col, this.system.colLow[col]!, this.system.colHigh[col]!);
    if (status === this.solver.constants.modelStatus.optimal) return true;
    if (status === this.solver.constants.modelStatus.infeasible) return false;
    throw new Error(`The audit's program ended with HiGHS status ${status}`);
  }

  dispose(): void {
    this.model.dispose();
  }

  private objective(col: number): void {
    if (this.lastCol === col) return;
    if (this.lastCol >= 0) this.model.changeColCost(this.lastCol, 0);
    if (col >= 0) this.model.changeColCost(col, 1);
    this.lastCol = col;
  }
}
