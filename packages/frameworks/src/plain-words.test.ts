import { loadBundledFrameworks } from './index';

/** The bundled framework carries Waymark's plain words beside every action, prompt and element. */
describe('plain words beside the source’s', () => {
  const [fw] = loadBundledFrameworks();
  const nodes = fw!.nodes;

  it('gives each action and prompt a short sentence saying what to do', () => {
    const wanting = nodes.filter((n) => (n.kind === 'ACTION' || n.kind === 'PROMPT') && !n.todo).map((n) => n.key);
    expect(wanting).toEqual([]);
    for (const node of nodes.filter((n) => n.todo)) {
      expect(node.todo).toMatch(/^[A-Z].{10,160}\.$/);
      expect(node.todo).not.toBe(node.text);
    }
  });

  it('gives each element a short title, and nothing else one', () => {
    expect(nodes.filter((n) => n.kind === 'ELEMENT').map((n) => n.title && n.title.length <= 60)).toEqual([true, true, true]);
    expect(nodes.filter((n) => n.kind !== 'ELEMENT' && n.title !== null)).toEqual([]);
    expect(nodes.filter((n) => n.kind !== 'ACTION' && n.kind !== 'PROMPT' && n.todo !== null)).toEqual([]);
  });
});
