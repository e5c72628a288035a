import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATA_DIR, FrameworkFormatError, loadBundledFrameworks, loadFrameworkFile, scoringShape } from './index';
import { BUNDLED_FRAMEWORK_FILE, thrown } from './__tests__/support';

describe('loader', () => {
  it('finds the data folder beside src/ (and so beside dist/)', () => {
    expect(DATA_DIR).toBe(path.resolve(__dirname, '..', 'data'));
  });

  it('loads each bundled framework once, recording its file', () => {
    const frameworks = loadBundledFrameworks();
    expect(frameworks.map((fw) => `${fw.key}@${fw.version}`)).toEqual(['inspiring-learning-partnerships@1.0.0']);
    expect(frameworks[0]!.file).toBe(BUNDLED_FRAMEWORK_FILE);
    expect(frameworks[0]!.title).toBe(frameworks[0]!.document.title);
    expect(JSON.parse(JSON.stringify(frameworks[0]!.document))).toEqual(frameworks[0]!.document);
    expect(loadFrameworkFile(BUNDLED_FRAMEWORK_FILE).contentHash).toBe(frameworks[0]!.contentHash);
  });

  it('refuses a bundled file whose name is not key@version.yaml', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'frameworks-'));
    try {
      copyFileSync(BUNDLED_FRAMEWORK_FILE, path.join(dir, 'inspiring-learning-partnerships@2.0.0.yaml'));
      const error = thrown(FrameworkFormatError, () => loadBundledFrameworks(dir));
      expect(error.issues).toEqual(['(file): must be named inspiring-learning-partnerships@1.0.0.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the scoring shape: answerable parts per action, prompts per element', () => {
    const shape = scoringShape(loadBundledFrameworks()[0]!);
    expect(shape.map((e) => e.key)).toEqual(['3.1', '3.2', '3.3']);
    expect(shape[0]!.actions).toEqual([
      { key: '3.1.1', partKeys: ['3.1.1.a', '3.1.1.b'] },
      { key: '3.1.2', partKeys: ['3.1.2.a', '3.1.2.b', '3.1.2.c'] },
      // An action without parts is answered as its own single part.
      { key: '3.1.3', partKeys: ['3.1.3'] },
    ]);
    expect(shape.map((e) => e.promptKeys.length)).toEqual([12, 6, 11]);
    expect(shape[2]!.promptKeys.at(-1)).toBe('3.3.g4.5');
  });
});
