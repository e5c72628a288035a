import { Program } from '../solver';
import { disclosureParams } from '../params';
import { simulate } from './simulate';
it('probe', async () => {
  const stats = { extreme: 0, extremeMs: 0, feas: 0, feasMs: 0 };
  const proto = Program.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const ext = proto.extreme!; const fea = proto.solutionWith!;
  proto.extreme = function (this: unknown, ...a: unknown[]) { const t = performance.now(); try { return ext.apply(this, a); } finally { stats.extreme++; stats.extremeMs += performance.now() - t; } };
  proto.solutionWith = function (this: unknown, ...a: unknown[]) { const t = performance.now(); try { return fea.apply(this, a); } finally { stats.feas++; stats.feasMs += performance.now() - t; } };
  const times: number[] = [];
  const t0 = performance.now();
  for (let seed = 1; seed <= 40; seed++) {
    const t = performance.now();
    await simulate(seed, 3, disclosureParams());
    times.push(Math.round(performance.now() - t));
  }
  console.log(Math.round(performance.now() - t0), times.join(' '), JSON.stringify(stats));
});
