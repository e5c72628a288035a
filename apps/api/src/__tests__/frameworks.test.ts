import { loadBundledFrameworks } from '@waymark/frameworks';
import { MemberRole, type TestApi, errorCode, ok, startTestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const TREE = `query($key: String) { framework(key: $key) {
  id key version title contentHash source { title publisher attribution }
  introduction { kind text items } scales { practice { heading options { value label } } evidence { improvementFlag options { value label } } }
  answerKeys nodes { key kind parentKey text footnotes { number text } guidance { guidanceKey reason } }
  principles { key text children { key kind text children { key kind text children { key kind text } } } }
} }`;

describe('frameworks over GraphQL', () => {
  it('serves the whole bundled tree, node for node, to any member', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.VIEWER);
    const { framework } = ok(await api.gql(TREE, { key: 'inspiring-learning-partnerships' }, as));
    const bundled = loadBundledFrameworks().find((f) => f.key === 'inspiring-learning-partnerships')!;
    expect(framework.contentHash).toBe(bundled.contentHash);
    expect(framework.nodes.map((n: any) => [n.key, n.kind, n.parentKey, n.text])).toEqual(
      bundled.nodes.map((n) => [n.key, n.kind, n.parentKey, n.text]),
    );
    expect(framework.source.attribution).toMatch(/Inspiring Learning/);
    expect(framework.introduction.length).toBeGreaterThan(3);
    const footnoted = framework.nodes.filter((n: any) => n.footnotes.length).map((n: any) => [n.key, n.footnotes[0].number]);
    expect(footnoted).toEqual([['3.2.3', 1], ['3.3.1', 2], ['3.3.2', 3]]);
    expect(framework.nodes.find((n: any) => n.key === '3.1.1').guidance.length).toBeGreaterThan(0);
    // Actions without parts are answered under their own key.
    expect(framework.answerKeys).toEqual(expect.arrayContaining(['3.1.1.a', '3.1.3', '3.3.g4.5']));
    expect(framework.principles[0].children.map((e: any) => e.key)).toEqual(['3.1', '3.2', '3.3']);
  });

  it('needs a credential', async () => {
    const res = await api.gql(TREE, { key: 'inspiring-learning-partnerships' });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND for an unknown framework, not a 500', async () => {
    const org = await api.fx.organisation();
    const { as } = await api.actor(org, MemberRole.VIEWER);
    const res = await api.gql(TREE, { key: 'no-such-framework' }, as);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.status).toBe(200);
  });
});
