import { gzipSync } from 'node:zlib';

/**
 * Prints how much compressed JavaScript the first page load needs: the entry chunk and every chunk
 * it imports statically (lazy screens are left out, since they load on a screen change). Fails the
 * build past the budget, so the figure docs/web.md promises cannot drift unseen.
 */
export function firstLoadReport({ budgetKb }) {
  return {
    name: 'waymark-first-load',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const seen = new Set();
      const visit = (chunk) => {
        if (!chunk || seen.has(chunk.fileName)) return;
        seen.add(chunk.fileName);
        for (const name of chunk.imports) visit(byName.get(name));
      };
      for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
      const gz = (code) => gzipSync(code, { level: 9 }).length;
      const first = [...seen].reduce((sum, name) => sum + gz(byName.get(name).code), 0);
      const all = chunks.reduce((sum, chunk) => sum + gz(chunk.code), 0);
      const css = Object.values(bundle)
        .filter((file) => file.type === 'asset' && file.fileName.endsWith('.css'))
        .reduce((sum, file) => sum + gz(file.source), 0);
      const kb = (bytes) => (bytes / 1024).toFixed(1);
      const line = `web: first load ${kb(first)} kB of compressed JavaScript (budget ${budgetKb} kB; ${seen.size} of ${chunks.length} chunks; all JavaScript ${kb(all)} kB; CSS ${kb(css)} kB)`;
      this.emitFile({ type: 'asset', fileName: 'first-load.txt', source: `${line}\n` });
      console.log(line);
      if (first > budgetKb * 1024) this.error(`first load is over its budget: ${kb(first)} kB > ${budgetKb} kB`);
    },
  };
}
